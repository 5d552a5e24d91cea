import { cloneElement, useId, type ReactElement, type ReactNode } from "react";

/**
 * The props a field sets on its control. The control's own id and aria attributes give way to
 * the field's (give the id to the field); its own `className` is kept, for layout only.
 */
type ControlProps = {
  id?: string;
  className?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
};

const CONTROL = {
  md: "rounded border border-stone-400 px-3 py-2",
  sm: "rounded border border-stone-400 px-2 py-1 text-sm",
} as const;

type FieldProps = {
  label: ReactNode;
  /** Shown under the control and read with it. */
  hint?: ReactNode;
  /** Replaces the hint while there is one: a hint beside an error says the same thing twice. */
  error?: ReactNode;
  /** For a row of fields whose placeholders say what they hold; the label is still read. */
  hideLabel?: boolean;
  /** `sm` in filter forms and comment rows, `md` where the field stands alone. */
  size?: keyof typeof CONTROL;
  /** The control's id, when something else must point at it (focus, a link); otherwise one is made. */
  id?: string;
  /** For layout only (width, flex), on the box that holds label, control and hint. */
  className?: string;
  /**
   * The one control (input, select, textarea). It is given as an element rather than a render
   * function so a Server Component can pass it and its markup reads as plain HTML.
   */
  children: ReactElement<ControlProps>;
};

/** A label, a control, and a hint or an error, wired together with ids and aria attributes. */
export function Field({ label, hint, error, hideLabel, size = "md", id, className, children }: FieldProps) {
  const made = useId();
  const controlId = id ?? made;
  const note = error
    ? { id: `${controlId}-error`, text: error, className: "text-sm text-red-800" }
    : hint
      ? { id: `${controlId}-hint`, text: hint, className: "text-sm text-stone-600" }
      : undefined;
  return (
    <div className={["flex flex-col gap-1", className].filter(Boolean).join(" ")}>
      <label htmlFor={controlId} className={hideLabel ? "sr-only" : undefined}>
        {label}
      </label>
      {cloneElement(children, {
        id: controlId,
        className: [CONTROL[size], children.props.className].filter(Boolean).join(" "),
        "aria-describedby": note?.id,
        "aria-invalid": error ? true : undefined,
      })}
      {note && (
        <p id={note.id} className={note.className}>
          {note.text}
        </p>
      )}
    </div>
  );
}
