// The demo EHR page (server/dev/ehr): plain browser JavaScript, no build step. It talks to the demo stack's
// dev routes only: GET /dev/patients, POST /dev/fire/<id>, POST /dev/accept, POST /dev/launch/<id>.

const $ = (id) => document.getElementById(id);

/** A text node or element with text, never HTML from a response. */
function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className !== undefined) e.className = className;
  return e;
}

/** Text with **bold** runs, as nodes (no HTML is ever parsed). */
function inline(text) {
  return text.split(/(\*\*[^*]+\*\*)/).map((part) => {
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4)
      return el('strong', part.slice(2, -2));
    return document.createTextNode(part);
  });
}

/** The subset of markdown CDS cards use: paragraphs, bullet lists and pipe tables (as an EHR renders them). */
function markdown(source) {
  const box = el('div', undefined, 'detail');
  for (const block of source.split(/\n{2,}/)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.every((l) => l.trim().startsWith('|'))) {
      const cells = (l) =>
        l
          .trim()
          .replace(/^\||\|$/g, '')
          .split('|')
          .map((c) => c.trim());
      const table = el('table');
      const [head, , ...rows] = lines;
      const tr = el('tr');
      for (const c of cells(head)) tr.append(el('th', c));
      table.append(el('thead'), el('tbody'));
      table.tHead.append(tr);
      for (const r of rows) {
        const row = el('tr');
        for (const c of cells(r)) row.append(el('td', c));
        table.tBodies[0].append(row);
      }
      box.append(table);
    } else if (lines.every((l) => l.startsWith('- '))) {
      const ul = el('ul');
      for (const l of lines) {
        const li = el('li');
        li.append(...inline(l.slice(2)));
        ul.append(li);
      }
      box.append(ul);
    } else {
      const para = el('p');
      para.append(...inline(lines.join(' ')));
      box.append(para);
    }
  }
  return box;
}

async function post(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error ?? `HTTP ${res.status}`);
  return json;
}

function renderCard(card, patientId) {
  const box = el('article', undefined, `card ${card.indicator}`);
  box.setAttribute('aria-label', `${card.indicator} card`);
  box.dataset.indicator = card.indicator;
  box.append(el('h3', card.summary));
  if (card.detail) box.append(markdown(card.detail));
  if (card.source?.label) box.append(el('p', `Source: ${card.source.label}`, 'source'));
  const actions = el('div', undefined, 'actions');
  const outcome = el('p', '', 'outcome');
  outcome.setAttribute('role', 'status');
  for (const s of card.suggestions ?? []) {
    const b = el('button', `Accept: ${s.label}`);
    b.addEventListener('click', async () => {
      b.disabled = true;
      outcome.textContent = 'Creating the order…';
      try {
        const r = await post('/dev/accept', { patientId, suggestion: s });
        outcome.textContent = `Draft order created on the FHIR server: ${r.created.join(', ')}`;
      } catch (e) {
        outcome.textContent = `The order could not be created: ${e.message}`;
        b.disabled = false;
      }
    });
    actions.append(b);
  }
  for (const link of card.links ?? []) {
    if (link.type !== 'smart') continue;
    const b = el('button', link.label, 'secondary');
    b.addEventListener('click', async () => {
      outcome.textContent = 'Launching the app…';
      try {
        const r = await post(`/dev/launch/${encodeURIComponent(patientId)}`, {
          url: link.url,
          appContext: link.appContext,
        });
        $('app').hidden = false;
        $('app-frame').src = r.url;
        outcome.textContent = 'The app opened below.';
        $('app').scrollIntoView();
      } catch (e) {
        outcome.textContent = `The app could not be launched: ${e.message}`;
      }
    });
    actions.append(b);
  }
  if (actions.childElementCount > 0) box.append(actions);
  box.append(outcome);
  return box;
}

async function openChart(patient, button) {
  for (const b of document.querySelectorAll('.patients button')) b.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-pressed', 'true');
  $('chart').hidden = false;
  $('app').hidden = true;
  $('chart-title').textContent = `Chart: ${patient.name}`;
  $('cards').replaceChildren();
  $('chart-status').textContent = 'patient-view fired; waiting for the CDS service…';
  const started = performance.now();
  try {
    const r = await post(`/dev/fire/${encodeURIComponent(patient.id)}`);
    const ms = Math.round(performance.now() - started);
    if (r.status !== 200) {
      $('chart-status').textContent = `The CDS service answered HTTP ${r.status}: ${JSON.stringify(r.body)}`;
      return;
    }
    const cards = r.body.cards ?? [];
    $('chart-status').textContent = `${cards.length} card(s) from the CDS service in ${ms} ms.`;
    $('cards').replaceChildren(...cards.map((c) => renderCard(c, patient.id)));
  } catch (e) {
    $('chart-status').textContent = `The hook could not be fired: ${e.message}`;
  }
}

async function main() {
  try {
    const res = await fetch('/dev/patients');
    const patients = await res.json();
    $('patients-status').textContent = `${patients.length} synthetic patients. Open a chart:`;
    for (const p of patients) {
      const li = el('li');
      const b = el('button', p.name);
      b.setAttribute('aria-pressed', 'false');
      b.dataset.patient = p.id;
      b.append(el('small', `${p.scenario.replace(/-/g, ' ')}; expected: ${p.expectedCategory}`));
      b.addEventListener('click', () => openChart(p, b));
      li.append(b);
      $('patients').append(li);
    }
  } catch (e) {
    $('patients-status').textContent = `The demo patients could not be loaded: ${e.message}`;
  }
}

main();
