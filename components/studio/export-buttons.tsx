"use client";

import { useState } from "react";
import { Button } from "../ui/button";

const FORMATS = [
  { format: "yaml", label: "YAML" },
  { format: "twee", label: "Twee" },
] as const;

/** The file name the server gave in Content-Disposition, else `fallback`. */
function fileNameOf(res: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? fallback;
}

/**
 * Buttons that download a scenario as YAML or as Twee from one of the studio's export routes
 * (`href` without `?format=`). The file is fetched first, so that a refusal (a draft with errors
 * has no Twee) is said here in words rather than as a failed download.
 */
export function ExportButtons({ href, name, className }: { href: string; name: string; className?: string }) {
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const download = async (format: string, label: string) => {
    setBusy(format);
    setError(undefined);
    try {
      const res = await fetch(`${href}?format=${format}`);
      if (!res.ok) {
        const body: unknown = await res.json().catch(() => undefined);
        const said = body && typeof body === "object" && "error" in body && typeof body.error === "string" ? body.error : `the server answered ${res.status}`;
        setError(`No ${label} file: ${said}.`);
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = fileNameOf(res, `${name}.${format}`);
      document.body.append(a);
      a.click();
      a.remove();
      // Long enough for the browser to have started saving it.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setError("The server cannot be reached. Try again.");
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <span role="group" aria-label={`Download ${name}`} className={["inline-flex flex-wrap items-center gap-x-2 gap-y-1", className].filter(Boolean).join(" ")}>
      <span className="text-sm text-stone-600" aria-hidden="true">
        Download
      </span>
      {FORMATS.map(({ format, label }) => (
        <Button
          key={format}
          variant="secondary"
          size="sm"
          disabled={busy !== undefined}
          aria-label={`Download ${name} as ${label}`}
          onClick={() => void download(format, label)}
        >
          {busy === format ? "…" : label}
        </Button>
      ))}
      {error && (
        <span role="alert" className="basis-full text-sm text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}
