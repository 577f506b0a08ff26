// Enhances a job's page (/jobs/{id}): reads /jobs/{id}.json every second and updates the progress bar, the status
// and the sentence screen readers hear, then reloads the page once the job has ended so its result link shows.
// Without JavaScript the page has a "Refresh this page" link instead.
const POLL_MS = 1000

function enhance(root) {
  if (root.dataset.finished === 'true') return
  const url = root.dataset.jobUrl
  const bar = root.querySelector('[data-job-bar]')
  const text = root.querySelector('[data-job-text]')
  const status = root.querySelector('[data-job-status]')
  const refresh = root.querySelector('[data-job-refresh]')
  if (refresh) refresh.hidden = true
  let failures = 0

  async function poll() {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      const job = await response.json()
      failures = 0
      if (job.finished) {
        window.location.reload()
        return
      }
      if (bar) {
        bar.value = job.percent
        bar.textContent = `${job.percent}%`
      }
      if (text && text.textContent !== job.progressText) text.textContent = job.progressText
      if (status) status.textContent = job.statusText
    } catch {
      // The server may be restarting: keep trying, more slowly, and offer the link again.
      failures += 1
      if (refresh) refresh.hidden = false
    }
    window.setTimeout(poll, POLL_MS * Math.min(10, 1 + failures))
  }
  window.setTimeout(poll, POLL_MS)
}

export function initJobProgress(scope = document) {
  scope.querySelectorAll('[data-module="app-job-progress"]').forEach(enhance)
}
