// A worker that returns at once, for the spawn/interrupt/join cycles.
export default function (): string {
  return "done";
}
