import { useCallback, useState } from 'react';

/**
 * A form's refusal and how many times it has been refused: each refusal, even one identical to
 * the last, counts again, so the error summary takes focus again (FormErrorSummary's focusKey)
 * and a screen-reader user hears that the second attempt failed too.
 */
export function useFormErrors<E>() {
  const [errors, setErrors] = useState<E | null>(null);
  const [attempts, setAttempts] = useState(0);
  const fail = useCallback((found: E) => {
    setErrors(found);
    setAttempts((n) => n + 1);
  }, []);
  const clearErrors = useCallback(() => setErrors(null), []);
  return { errors, attempts, fail, clearErrors };
}
