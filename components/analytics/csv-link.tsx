import { buttonClass } from "../ui/button";

/**
 * "Download CSV" for one table, its name said to screen readers (a page has several); `label`
 * tells two links of one section apart on screen too ("Download CSV: kinds"). A plain link: the
 * browser downloads what the route answers, as `text/csv` with a file name.
 */
export function CsvLink({ href, what, label }: { href: string; what: string; label?: string }) {
  return (
    <a href={href} className={buttonClass("secondary", "sm", "no-print inline-block")} download>
      Download CSV{label ? `: ${label}` : ""} <span className="sr-only">of {what}</span>
    </a>
  );
}
