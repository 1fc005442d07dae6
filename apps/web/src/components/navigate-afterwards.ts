import { useCallback, useEffect, useRef } from "react";
import { useLocation, useNavigate, type NavigateOptions, type To } from "react-router";

/** Goes to `to` if the person is still where the work began; says whether it went. */
export type NavigateAfterwards = (to: To, options?: NavigateOptions) => boolean;

/**
 * For a screen that moves on when something it started has finished (a save, a deletion, a sign-in):
 * call it as the work begins; the function it returns navigates only if the person is still on that
 * screen at that address. One who went elsewhere meanwhile is not pulled back when the answer comes.
 */
export function useNavigateAfterwards(): () => NavigateAfterwards {
  const navigate = useNavigate();
  const { key } = useLocation();
  const here = useRef<string | null>(key); // null once the screen is gone
  useEffect(() => {
    here.current = key;
    return () => {
      here.current = null;
    };
  }, [key]);
  return useCallback(() => {
    const began = here.current;
    return (to, options) => {
      if (began === null || here.current !== began) return false;
      void navigate(to, options);
      return true;
    };
  }, [navigate]);
}
