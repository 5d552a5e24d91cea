import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p>There is no page or scenario here.</p>
      <Link href="/" className="text-brand-700 underline">
        Back to the scenario library
      </Link>
    </div>
  );
}
