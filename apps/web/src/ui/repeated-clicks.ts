/**
 * Takes the second click of a double-click as no click of its own where it would do something
 * the person did not aim at: submitting a form again (the form has been reset, or its request is
 * under way: 会議を予定する would plan a second conference, dated today), or pressing another
 * button that what the first click did moved under the pointer (a row added above the form, an
 * offer that went away). Clicking one other button quickly again (元に戻す, 延長) still counts
 * each click. On the keyboard, Enter held down repeats its keypress: only the first
 * submits a form (each press of its own still does).
 */
export function ignoreRepeatedClicks(target: Window) {
  let first: HTMLButtonElement | null = null;
  target.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (event.detail <= 1) {
        first = button;
      } else if (button && (button !== first || button.type === 'submit')) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    { capture: true },
  );
  target.addEventListener(
    'keydown',
    (event) => {
      // Only where Enter submits: a field or a button of a form (a textarea takes it as a new line).
      const { target } = event;
      const submits = (target instanceof HTMLInputElement || target instanceof HTMLButtonElement) && target.form !== null;
      if (event.key === 'Enter' && event.repeat && submits) event.preventDefault();
    },
    { capture: true },
  );
}
