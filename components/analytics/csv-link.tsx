import { buttonClass } from "../ui/button";

/**
 * "Download CSV" for one table, its name said to screen readers (a page has several). A plain
 * link: the browser downloads what the route answers, as `text/csv` with a file name.
 */
export function CsvLink({ href, what }: { href: string; what: string }) {
  return (
    <a href={href} className={buttonClass("secondary", "sm", "no-print inline-block")} download>
      Download CSV<span className="sr-only"> of {what}</span>
    </a>
  );
}
