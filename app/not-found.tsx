import { ButtonLink } from "../components/ui/button";

export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p>There is no page or scenario here.</p>
      <ButtonLink variant="quiet" href="/">
        Back to the scenario library
      </ButtonLink>
    </div>
  );
}
