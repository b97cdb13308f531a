/**
 * The rating form inline: the same POST the form makes without JavaScript, asking for JSON,
 * and the form replaced by the answer in its live region. When the request fails, the form
 * stays, says so, and can be sent again.
 */
const THANKS = 'Cảm ơn bạn đã đánh giá. Ý kiến của bạn giúp chúng tôi hoàn thiện thông tin trên cổng.';
const DUPLICATE = 'Bạn đã đánh giá trang này hôm nay.';
const FAILED = 'Chưa gửi được đánh giá. Xin thử lại sau.';

interface Answer {
  ok?: boolean;
  duplicate?: boolean;
  error?: { field?: string; message?: string };
}

async function send(form: HTMLFormElement, submitter: HTMLElement | null, status: HTMLElement): Promise<void> {
  const body = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') body.append(name, value);
  // The button pressed carries the answer (huu-ich=co | khong), as in a form post.
  if (submitter instanceof HTMLButtonElement && submitter.name) body.set(submitter.name, submitter.value);
  const buttons = [...form.querySelectorAll<HTMLButtonElement>('button')];
  for (const button of buttons) button.disabled = true;
  let answer: Answer | null = null;
  let ok = false;
  try {
    const response = await fetch(form.action, { method: 'POST', body, headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    answer = (await response.json().catch(() => null)) as Answer | null;
    ok = response.ok && answer?.ok === true;
  } catch {
    // The service is away: said below, the form stays.
  }
  if (ok) {
    status.textContent = answer?.duplicate ? DUPLICATE : THANKS;
    form.remove();
    status.focus();
    return;
  }
  status.textContent = typeof answer?.error?.message === 'string' ? answer.error.message : FAILED;
  for (const button of buttons) button.disabled = false;
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-rating-form]')) {
  const status = form.parentElement?.querySelector<HTMLElement>('[data-rating-status]');
  if (!status) continue;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(form, (event as SubmitEvent).submitter, status);
  });
}
