export function Spinner({ className = "size-6" }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-block animate-spin rounded-full border-4 border-current border-r-transparent ${className}`}
    />
  );
}
