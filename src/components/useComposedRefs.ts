import { useCallback, type Ref } from 'react';

function setRef<T>(ref: Ref<T> | undefined, node: T | null): void {
  if (typeof ref === 'function') ref(node);
  else if (ref) ref.current = node;
}

/** One callback ref that fills both: the part's own ref and the consumer's. Stable while they are. */
export function useComposedRefs<T>(own: Ref<T> | undefined, theirs: Ref<T> | undefined): (node: T | null) => void {
  return useCallback(
    (node: T | null) => {
      setRef(own, node);
      setRef(theirs, node);
    },
    [own, theirs],
  );
}
