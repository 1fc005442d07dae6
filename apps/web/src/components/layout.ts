import { useMediaQuery } from "@mantine/hooks";

/**
 * The screen's width class, read at once (no first render at the wrong size): a phone (under
 * Mantine's `sm`) shows one pane at a time; a desktop (`lg` and up) has room for a third column.
 */
export function useLayout(): { phone: boolean; wide: boolean } {
  const phone = useMediaQuery("(max-width: 47.99em)", false, { getInitialValueInEffect: false });
  const wide = useMediaQuery("(min-width: 75em)", true, { getInitialValueInEffect: false });
  return { phone, wide };
}
