// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { SetPasswordForm, tokenFromHash } from "../../../../components/account/set-password-form";

afterEach(() => {
  cleanup();
  window.history.replaceState(null, "", "/");
});

describe("tokenFromHash", () => {
  it("reads the token from the fragment, decoded", () => {
    expect(tokenFromHash("#token=abc%2Bdef")).toBe("abc+def");
    expect(tokenFromHash("#token=")).toBeUndefined();
    expect(tokenFromHash("")).toBeUndefined();
  });
});

describe("SetPasswordForm", () => {
  it("reads the token, then takes it out of the address so it is neither shown nor kept in the history", async () => {
    window.history.replaceState(null, "", "/set-password#token=secret-token");
    const before = window.history.length;
    render(<SetPasswordForm minPasswordLength={10} maxPasswordLength={256} />);
    expect(await screen.findByLabelText("New password")).toBeInTheDocument();
    expect(window.location.href).toBe(`${window.location.origin}/set-password`);
    expect(window.history.length).toBe(before);
  });

  it("checks the password's length and that both are the same before sending anything", async () => {
    window.history.replaceState(null, "", "/set-password#token=secret-token");
    render(<SetPasswordForm minPasswordLength={10} maxPasswordLength={256} />);
    fireEvent.change(await screen.findByLabelText("New password"), { target: { value: "short" } });
    fireEvent.click(screen.getByRole("button", { name: "Set my password" }));
    expect(screen.getByLabelText("New password")).toHaveAccessibleDescription("The password must be at least 10 characters.");
    fireEvent.change(screen.getByLabelText("New password"), { target: { value: "long enough password" } });
    fireEvent.change(screen.getByLabelText("New password again"), { target: { value: "another long password" } });
    fireEvent.click(screen.getByRole("button", { name: "Set my password" }));
    expect(screen.getByLabelText("New password again")).toHaveAccessibleDescription("The two passwords are not the same.");
  });

  it("says what to do when the address has no token", async () => {
    window.history.replaceState(null, "", "/set-password");
    render(<SetPasswordForm minPasswordLength={10} maxPasswordLength={256} />);
    expect(await screen.findByRole("alert")).toHaveTextContent(/ask your administrator for a new link/);
    expect(screen.queryByLabelText("New password")).toBeNull();
  });
});
