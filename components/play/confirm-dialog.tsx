"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "../ui/button";

/**
 * A modal dialog built on the native `<dialog>`: the browser keeps the focus inside it, Escape
 * closes it, and the focus goes back to what opened it when it closes. The first focus goes to
 * the safe way out (`cancelLabel`), so a stray Enter never confirms.
 *
 * Used two ways: with `onConfirm`, a question with a confirming and a cancelling button (role
 * `alertdialog`); without, a panel of information with one closing button.
 */
export function Dialog({
  open,
  title,
  children,
  onClose,
  onConfirm,
  confirmLabel = "Confirm",
  cancelLabel = onConfirm ? "Cancel" : "Close",
  tone = "danger",
  wide = false,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Called when the dialog closes without confirming: its cancel button, Escape, or a click outside. */
  onClose: () => void;
  onConfirm?: () => void;
  confirmLabel?: string;
  cancelLabel?: string;
  /** The confirming button's look: `danger` for what cannot be undone. */
  tone?: "danger" | "primary";
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  // What had the focus before the dialog opened, to give it back.
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      // Browsers without modal dialogs (and test DOMs) get an open, non-modal one.
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      cancel.current?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
      if (opener.current?.isConnected) opener.current.focus();
      opener.current = null;
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Escape: the browser closes the dialog itself; the owner is told, so its state follows.
    const onCancel = (e: Event) => {
      e.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener("cancel", onCancel);
    return () => dialog.removeEventListener("cancel", onCancel);
  }, []);

  return (
    <dialog
      ref={ref}
      role={onConfirm ? "alertdialog" : "dialog"}
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={onConfirm ? `${id}-body` : undefined}
      // A click on the backdrop (the dialog element itself, outside its content) closes it.
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] rounded-xl border border-stone-200 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-900/40 ${wide ? "max-w-2xl" : "max-w-md"}`}
    >
      {open && (
        <div className="max-h-[85vh] space-y-4 overflow-y-auto p-5">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          <div id={`${id}-body`} className="space-y-3">
            {children}
          </div>
          <div className="flex flex-wrap justify-end gap-2 pt-1">
            <Button ref={cancel} variant="secondary" onClick={onClose}>
              {cancelLabel}
            </Button>
            {onConfirm && (
              <Button variant={tone} onClick={onConfirm}>
                {confirmLabel}
              </Button>
            )}
          </div>
        </div>
      )}
    </dialog>
  );
}
