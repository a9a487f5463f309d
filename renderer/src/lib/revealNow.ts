/**
 * After a coach starts a turn from a form low on the page (a plenary, a topic
 * focus, a rotation), bring the running turn back into view: the page once
 * stayed where the form's button was (at 1024×700 a started rotation left the
 * countdown at y = −622). The table screen is laid out so that, scrolled to
 * its top, the countdown, End turn, the next waiting and the note box all
 * show; so the page goes back to its top, and if the countdown is still out
 * of the window (a short window), it is scrolled just into it.
 *
 * Waits (a frame at a time, up to `timeoutMs`) for the countdown to appear,
 * since the turn shows once the change reaches the renderer.
 */
export function revealNow(timeoutMs = 3000): void {
  const until = performance.now() + timeoutMs;
  const step = () => {
    const timer = document.querySelector<HTMLElement>('.now [role="timer"]');
    if (!timer) {
      if (performance.now() < until) requestAnimationFrame(step);
      return;
    }
    window.scrollTo({ top: 0, left: window.scrollX });
    const box = timer.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) timer.scrollIntoView({ block: 'nearest' });
  };
  requestAnimationFrame(step);
}
