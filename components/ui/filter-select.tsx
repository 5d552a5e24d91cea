import { Field } from "./field";

/**
 * A filter of a GET form: a small labelled select whose first option, "Any" (or `any`), leaves
 * the filter out, then one option per value with its label. It works without JavaScript.
 */
export function FilterSelect({
  label,
  name,
  value,
  options,
  any = "Any",
}: {
  label: string;
  name: string;
  /** The value chosen now; empty or absent for none. */
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  any?: string;
}) {
  return (
    <Field label={label} size="sm" className="min-w-0">
      <select name={name} defaultValue={value ?? ""} className="w-full min-w-0">
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Options from a list of values and their labels. */
export function labelled<T extends string>(values: readonly T[], labels: Record<T, string>): { value: T; label: string }[] {
  return values.map((v) => ({ value: v, label: labels[v] }));
}
