const rows = Number(new URLSearchParams(location.search).get('rows') || 10);
const list = document.getElementById('rows');
for (let i = 0; i < rows; i++) {
  const li = document.createElement('li');
  li.setAttribute('data-testid', 'action-item');
  const input = document.createElement('input');
  input.setAttribute('data-testid', 'item-title');
  input.value = `Add an alert on queue depth above ${i * 10} for 5 minutes`;
  const verdict = document.createElement('span');
  verdict.className = 'verdict';
  input.addEventListener('input', () => {
    verdict.textContent = input.value.split(/\s+/).length > 4 ? 'pass' : 'fail';
  });
  li.append(input, verdict);
  list.append(li);
}
