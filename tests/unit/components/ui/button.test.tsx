// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { createRef } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Button, ButtonLink } from "../../../../components/ui/button";

afterEach(cleanup);

describe("Button", () => {
  it("does not submit the form it sits in unless it says so", () => {
    const submitted = vi.fn((e: React.FormEvent) => e.preventDefault());
    render(
      <form onSubmit={submitted}>
        <Button variant="secondary">Pause</Button>
        <Button variant="primary" type="submit">
          Show
        </Button>
      </form>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Pause" }));
    expect(submitted).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Show" }));
    expect(submitted).toHaveBeenCalledTimes(1);
  });

  it("passes on disabled, aria attributes and a ref", () => {
    const clicked = vi.fn();
    const ref = createRef<HTMLButtonElement>();
    render(
      <Button ref={ref} variant="secondary" size="sm" aria-pressed={true} disabled onClick={clicked}>
        Reviewed
      </Button>,
    );
    const button = screen.getByRole("button", { name: "Reviewed", pressed: true });
    expect(ref.current).toBe(button);
    fireEvent.click(button);
    expect(clicked).not.toHaveBeenCalled();
  });
});

describe("ButtonLink", () => {
  it("is a link to its href", () => {
    render(
      <ButtonLink variant="secondary" href="/sessions">
        Clear
      </ButtonLink>,
    );
    expect(screen.getByRole("link", { name: "Clear" })).toHaveAttribute("href", "/sessions");
  });
});
