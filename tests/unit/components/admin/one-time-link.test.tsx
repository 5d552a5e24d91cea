// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OneTimeLink } from "../../../../components/admin/one-time-link";

const URL = "https://practice.example.org/set-password#token=abc123";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function show() {
  render(<OneTimeLink url={URL} expiresAt="2026-12-04T06:00:00.000Z" hours={72} name="Ari" />);
  return screen.getByLabelText<HTMLInputElement>("Set-password link for Ari");
}

describe("OneTimeLink", () => {
  it("shows the link read-only, and says it works once and for how long", () => {
    const field = show();
    expect(field).toHaveValue(URL);
    expect(field).toHaveAttribute("readonly");
    expect(field).toHaveAccessibleDescription(/It works once, for 72 hours/);
  });

  it("copies the link to the clipboard", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    show();
    fireEvent.click(screen.getByRole("button", { name: "Copy" }));
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Copied."));
    expect(writeText).toHaveBeenCalledWith(URL);
  });

  it("selects the link for copying by hand when there is no clipboard, or it refuses", async () => {
    for (const clipboard of [undefined, { writeText: () => Promise.reject(new Error("denied")) }]) {
      vi.stubGlobal("navigator", { ...navigator, clipboard });
      const field = show();
      fireEvent.click(screen.getByRole("button", { name: "Copy" }));
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent(/The link is selected: press Ctrl\+C/));
      expect(document.activeElement).toBe(field);
      expect([field.selectionStart, field.selectionEnd]).toEqual([0, URL.length]);
      cleanup();
    }
  });
});
