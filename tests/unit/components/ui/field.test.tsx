// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Field } from "../../../../components/ui/field";

afterEach(cleanup);

describe("Field", () => {
  it("names its control by the label and describes it by the hint", () => {
    render(
      <Field label="Your name" hint="Sessions are saved under this name.">
        <input />
      </Field>,
    );
    const input = screen.getByRole("textbox", { name: "Your name" });
    expect(input).toHaveAccessibleDescription("Sessions are saved under this name.");
    expect(input).not.toHaveAttribute("aria-invalid");
  });

  it("points aria-describedby at the error instead of the hint while there is an error, and marks the control invalid", () => {
    render(
      <Field id="participant" label="Your name" hint="Sessions are saved under this name." error="Give a name.">
        <input />
      </Field>,
    );
    const input = screen.getByRole("textbox", { name: "Your name" });
    expect(input).toHaveAttribute("aria-describedby", "participant-error");
    expect(input).toHaveAccessibleDescription("Give a name.");
    expect(input).toBeInvalid();
    expect(screen.queryByText("Sessions are saved under this name.")).toBeNull();
  });

  it("keeps a hidden label as the control's name", () => {
    render(
      <Field label="Comment on turn 1" hideLabel>
        <input placeholder="Comment" />
      </Field>,
    );
    expect(screen.getByText("Comment on turn 1")).toHaveClass("sr-only");
    expect(screen.getByRole("textbox", { name: "Comment on turn 1" })).toBeInTheDocument();
  });

  it("gives each field its own id, so two fields with one label stay apart", () => {
    render(
      <>
        <Field label="Your name" hint="First">
          <input />
        </Field>
        <Field label="Your name" hint="Second">
          <select />
        </Field>
      </>,
    );
    expect(screen.getByRole("textbox", { name: "Your name" })).toHaveAccessibleDescription("First");
    expect(screen.getByRole("combobox", { name: "Your name" })).toHaveAccessibleDescription("Second");
  });

  it("keeps the control's own props and classes", () => {
    render(
      <Field label="Participant" size="sm">
        <input name="participant" defaultValue="Sam" className="font-mono" />
      </Field>,
    );
    const input = screen.getByRole("textbox", { name: "Participant" });
    expect(input).toHaveValue("Sam");
    expect(input).toHaveAttribute("name", "participant");
    expect(input).toHaveClass("font-mono", "text-sm");
  });
});
