/** A field's problem under its input; nothing when there is none. */
export function FieldError({ id, message }: { id?: string; message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {message}
    </p>
  );
}
