import { useEffect, useLayoutEffect } from 'react';

/** useLayoutEffect warns during server rendering in React 18; effects never run there anyway. */
export const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;
