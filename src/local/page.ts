// The local console: one HTML page that looks like a Slack channel. It renders the Block Kit
// the bot sends and sends back what you do; all of Slack's part is the stand-in's job.
export const CONSOLE_HTML = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Persona Bot · local console</title>
<style>
  :root { --fg:#1d1c1d; --muted:#616061; --line:#e8e8e8; --accent:#1264a3; --bg:#fff; --soft:#f8f8f8; }
  * { box-sizing: border-box; }
  body { margin:0; font:15px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color:var(--fg); background:var(--bg); }
  header { display:flex; align-items:center; gap:16px; padding:10px 18px; border-bottom:1px solid var(--line); background:#3f0e40; color:#fff; }
  header h1 { font-size:16px; margin:0; } header .note { font-size:12px; opacity:.8; }
  nav button { background:none; border:0; color:#fff; opacity:.7; font-weight:600; cursor:pointer; padding:6px 10px; }
  nav button.on { opacity:1; border-bottom:2px solid #fff; }
  main { max-width:920px; margin:0 auto; padding:8px 18px 160px; }
  .msg { display:flex; gap:10px; padding:8px 6px; border-radius:6px; position:relative; }
  .msg:hover { background:var(--soft); }
  .avatar { width:34px; height:34px; border-radius:6px; flex:none; display:grid; place-items:center; font-weight:700; color:#fff; }
  .avatar.user { background:#2bac76; } .avatar.bot { background:#4a154b; }
  .who { font-weight:700; } .who small { font-weight:400; color:var(--muted); margin-left:6px; }
  .eph { font-size:12px; color:var(--muted); }
  .body { flex:1; min-width:0; }
  .tools { position:absolute; right:8px; top:6px; display:flex; gap:4px; opacity:0; }
  .msg:hover .tools, .tools:focus-within { opacity:1; }
  .tools button, .btn { border:1px solid #bbb; background:#fff; border-radius:4px; padding:3px 10px; cursor:pointer; font-size:13px; }
  .btn.primary { background:#007a5a; color:#fff; border-color:#007a5a; } .btn.danger { background:#e01e5a; color:#fff; border-color:#e01e5a; }
  .thread { margin-left:44px; border-left:2px solid var(--line); padding-left:8px; }
  .section { margin:4px 0; white-space:normal; } .fields { display:grid; grid-template-columns:1fr 1fr; gap:6px 16px; margin:4px 0; }
  .context { color:var(--muted); font-size:13px; margin:4px 0; display:flex; flex-wrap:wrap; gap:4px 12px; }
  .actions { display:flex; flex-wrap:wrap; gap:6px; margin:6px 0; }
  h3.hdr { margin:6px 0 2px; font-size:17px; }
  blockquote { margin:2px 0; padding-left:10px; border-left:4px solid #ddd; color:#454245; }
  code { background:#f4f4f4; border:1px solid #e1e1e1; border-radius:3px; padding:0 3px; font-size:13px; }
  .mention { background:#e8f5fa; color:var(--accent); border-radius:3px; padding:0 2px; }
  footer { position:fixed; bottom:0; left:0; right:0; background:#fff; border-top:1px solid var(--line); padding:10px 18px; }
  footer .box { max-width:920px; margin:0 auto; } footer textarea { width:100%; min-height:64px; border:1px solid #bbb; border-radius:8px; padding:8px; font:inherit; }
  footer .row { display:flex; gap:8px; align-items:center; margin-top:6px; } footer .hint { color:var(--muted); font-size:12px; flex:1; }
  .overlay { position:fixed; inset:0; background:rgba(0,0,0,.45); display:flex; align-items:flex-start; justify-content:center; padding:40px 10px; overflow:auto; }
  .modal { background:#fff; border-radius:8px; width:min(620px,100%); box-shadow:0 10px 40px rgba(0,0,0,.3); }
  .modal h2 { margin:0; padding:14px 18px; border-bottom:1px solid var(--line); font-size:18px; }
  .modal .content { padding:10px 18px; } .modal .foot { padding:12px 18px; border-top:1px solid var(--line); display:flex; justify-content:flex-end; gap:8px; }
  .input { margin:10px 0; } .input label { font-weight:700; display:block; margin-bottom:4px; }
  .input input[type=text], .input textarea, .input select { width:100%; border:1px solid #bbb; border-radius:4px; padding:6px; font:inherit; }
  .input textarea { min-height:80px; } .input .hint { color:var(--muted); font-size:12px; } .input .err { color:#e01e5a; font-size:13px; }
  .reactions span { border:1px solid var(--line); border-radius:10px; padding:0 6px; font-size:12px; margin-right:4px; }
  .replying { font-size:12px; color:var(--accent); }
  .shortcuts { position:relative; } .shortcuts > button { background:rgba(255,255,255,.15); border:1px solid rgba(255,255,255,.4); color:#fff; border-radius:4px; padding:4px 10px; cursor:pointer; font-weight:600; }
  #shortcut-menu { position:absolute; top:34px; left:0; background:#fff; border:1px solid var(--line); border-radius:6px; box-shadow:0 4px 16px rgba(0,0,0,.2); padding:4px 0; min-width:180px; z-index:5; }
  #shortcut-menu button { display:block; width:100%; text-align:left; background:none; border:0; padding:6px 14px; cursor:pointer; font:inherit; color:var(--fg); } #shortcut-menu button:hover { background:var(--soft); }
</style>
</head>
<body>
<header><h1># local-console</h1><nav><button id="tab-channel" class="on">Channel</button><button id="tab-home">Home</button></nav>
<div class="shortcuts"><button id="shortcuts" aria-haspopup="menu" aria-expanded="false">⚡ Shortcuts</button><div id="shortcut-menu" role="menu" hidden><button role="menuitem" data-global-shortcut="create_persona">Create persona</button></div></div>
<span class="note">Local mode: the real bot, with this page standing in for Slack.</span></header>
<main id="main"></main>
<footer><div class="box">
  <div id="replying" class="replying"></div>
  <textarea id="box" placeholder="Type /persona busy, /persona help, or paste a draft and press Send"></textarea>
  <div class="row"><span class="hint">Enter sends · Shift+Enter for a new line · hover a message for ⋯ Review copy and Reply</span>
  <button class="btn" id="cancel-thread" hidden>Back to channel</button><button class="btn primary" id="send">Send</button></div>
</div></footer>
<div id="modal-root"></div>
<script>
(() => {
  let state = { version: -1, items: [], modal: null, home: null };
  let tab = 'channel';
  let threadTs = null;
  let modalKey = null;
  let modalErrors = {};
  const $ = (id) => document.getElementById(id);

  const esc = (s) => String(s).replace(/&(?!(amp|lt|gt|quot|#\d+);)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const emoji = { white_check_mark: '✅', warning: '⚠️', x: '❌', large_yellow_circle: '🟡', information_source: 'ℹ️', dart: '🎯', books: '📚', mag: '🔍' };
  function mrkdwn(text) {
    const tokens = [];
    let s = String(text).replace(/<([^<>]+)>/g, (_, inner) => {
      let html;
      if (inner.startsWith('@')) html = '<span class="mention">@' + esc(inner.slice(1).split('|')[0]) + '</span>';
      else if (inner.startsWith('#')) html = '<span class="mention">#' + esc((inner.split('|')[1] || inner.slice(1))) + '</span>';
      else if (inner.startsWith('!')) html = '<span class="mention">@' + esc(inner.slice(1).split('|')[0]) + '</span>';
      else { const [href, label] = inner.split('|'); html = /^https?:/.test(href) ? '<a href="' + esc(href) + '" target="_blank" rel="noopener">' + esc(label || href) + '</a>' : esc(inner); }
      tokens.push(html); return '\u0000' + (tokens.length - 1) + '\u0000';
    });
    s = s.split('\n').map((line) => {
      let quote = false;
      if (/^(>|&gt;) ?/.test(line)) { quote = true; line = line.replace(/^(>|&gt;) ?/, ''); }
      line = esc(line)
        .replace(/\x60([^\x60]+)\x60/g, '<code>$1</code>')
        .replace(/(^|[\s(“"])\*([^*\n]+)\*(?=$|[\s).,:;!?”"])/g, '$1<b>$2</b>')
        .replace(/(^|[\s(“"])_([^_\n]+)_(?=$|[\s).,:;!?”"])/g, '$1<i>$2</i>')
        .replace(/(^|\s)~([^~\n]+)~(?=$|\s)/g, '$1<s>$2</s>')
        .replace(/:([a-z0-9_+-]+):/g, (m, name) => emoji[name] || m);
      return quote ? '<blockquote>' + line + '</blockquote>' : line;
    }).join('<br>');
    return s.replace(/\u0000(\d+)\u0000/g, (_, i) => tokens[Number(i)]);
  }
  const textObj = (t) => !t ? '' : t.type === 'mrkdwn' ? mrkdwn(t.text) : esc(t.text).replace(/\n/g, '<br>');

  function element(el, where) {
    const data = 'data-action="' + esc(el.action_id || '') + '" data-value="' + esc(el.value || '') + '" data-block="' + esc(where.blockId || '') + '"';
    if (el.type === 'button') return '<button class="btn ' + (el.style || '') + '" ' + data + '>' + textObj(el.text) + '</button>';
    if (el.type === 'static_select') return '<select ' + data + '>' + (el.options || []).map((o) => '<option value="' + esc(o.value) + '">' + textObj(o.text) + '</option>').join('') + '</select>';
    return '';
  }

  function inputBlock(b) {
    const el = b.element || {};
    const id = esc(b.block_id || '');
    let control = '';
    if (el.type === 'plain_text_input') {
      const v = esc(el.initial_value || '');
      const ph = el.placeholder ? ' placeholder="' + esc(el.placeholder.text) + '"' : '';
      const dispatch = b.dispatch_action ? ' data-dispatch="' + esc(el.action_id) + '"' : '';
      control = el.multiline ? '<textarea data-input="' + id + '" data-kind="text"' + ph + '>' + v + '</textarea>' : '<input type="text" data-input="' + id + '" data-kind="text" value="' + v + '"' + ph + dispatch + '>';
    } else if (el.type === 'static_select' || el.type === 'multi_static_select') {
      const multi = el.type === 'multi_static_select';
      const chosen = new Set([...(el.initial_options || []), ...(el.initial_option ? [el.initial_option] : [])].map((o) => o.value));
      control = '<select data-input="' + id + '" data-kind="' + (multi ? 'multi' : 'select') + '"' + (multi ? ' multiple' : '') + '>' + (el.options || []).map((o) => '<option value="' + esc(o.value) + '"' + (chosen.has(o.value) ? ' selected' : '') + '>' + textObj(o.text) + '</option>').join('') + '</select>';
    } else if (el.type === 'users_select') {
      control = '<input type="text" data-input="' + id + '" data-kind="user" placeholder="Slack user id, e.g. U012ABCDEF" value="' + esc(el.initial_user || '') + '">';
    } else if (el.type === 'checkboxes') {
      const chosen = new Set((el.initial_options || []).map((o) => o.value));
      control = (el.options || []).map((o) => '<label><input type="checkbox" data-input="' + id + '" data-kind="check" value="' + esc(o.value) + '"' + (chosen.has(o.value) ? ' checked' : '') + '> ' + textObj(o.text) + '</label>').join('');
    }
    const err = modalErrors[b.block_id] ? '<div class="err">' + esc(modalErrors[b.block_id]) + '</div>' : '';
    return '<div class="input"><label>' + textObj(b.label) + (b.optional ? ' <small>(optional)</small>' : '') + '</label>' + control + (b.hint ? '<div class="hint">' + textObj(b.hint) + '</div>' : '') + err + '</div>';
  }

  function blocks(list) {
    return (list || []).map((b) => {
      const where = { blockId: b.block_id };
      switch (b.type) {
        case 'header': return '<h3 class="hdr">' + textObj(b.text) + '</h3>';
        case 'section': return '<div class="section">' + (b.text ? '<div>' + textObj(b.text) + '</div>' : '') + (b.fields ? '<div class="fields">' + b.fields.map((f) => '<div>' + textObj(f) + '</div>').join('') + '</div>' : '') + (b.accessory ? element(b.accessory, where) : '') + '</div>';
        case 'context': return '<div class="context">' + (b.elements || []).map((e) => '<span>' + textObj(e) + '</span>').join('') + '</div>';
        case 'divider': return '<hr>';
        case 'actions': return '<div class="actions">' + (b.elements || []).map((e) => element(e, where)).join('') + '</div>';
        case 'input': return inputBlock(b);
        default: return '';
      }
    }).join('');
  }

  function message(item) {
    const who = item.author === 'bot' ? 'Persona Bot' : 'you';
    const content = item.blocks && item.blocks.length ? blocks(item.blocks) : (item.command ? '<code>' + esc(item.text) + '</code>' : mrkdwn(item.text));
    const tools = item.author === 'user' && !item.command ? '<div class="tools"><button data-shortcut="' + item.ts + '">⋯ Review copy</button>' + (item.threadTs ? '' : '<button data-reply="' + item.ts + '">Reply in thread</button>') + '</div>' : '';
    const reactions = item.reactions && item.reactions.length ? '<div class="reactions">' + item.reactions.map((r) => '<span>' + (emoji[r] || ':' + esc(r) + ':') + '</span>').join('') + '</div>' : '';
    return '<div class="msg" data-ts="' + item.ts + '" data-ephemeral="' + (item.ephemeral ? 1 : 0) + '"><div class="avatar ' + item.author + '">' + (item.author === 'bot' ? 'PB' : 'Y') + '</div><div class="body"><div class="who">' + who + '<small>' + (/^[DU]/.test(item.channel) ? 'direct message' + (item.channel.startsWith('U') ? ' to @' + esc(item.channel) : '') : '') + '</small>' + (item.ephemeral ? ' <span class="eph">Only visible to you</span>' : '') + '</div>' + content + reactions + '</div>' + tools + '</div>';
  }

  function render() {
    const main = $('main');
    if (tab === 'home') {
      main.innerHTML = state.home ? '<div data-source="home">' + blocks(state.home.blocks) + '</div>' : '<p>Opening the App Home…</p>';
    } else {
      const top = state.items.filter((i) => !i.threadTs);
      main.innerHTML = top.map((i) => {
        const replies = state.items.filter((r) => r.threadTs === i.ts);
        return '<div data-source="message">' + message(i) + (replies.length ? '<div class="thread">' + replies.map(message).join('') + '</div>' : '') + '</div>';
      }).join('') || '<p class="eph">Nothing here yet. Try <code>/persona busy</code>.</p>';
    }
    renderModal();
    // The App Home has no composer in Slack either; there it only covered the catalog.
    document.querySelector('footer').hidden = tab === 'home';
    $('replying').textContent = threadTs ? 'Replying in a thread (mention @Persona Bot review to review its first message)' : '';
    $('cancel-thread').hidden = !threadTs;
  }

  function renderModal() {
    const root = $('modal-root');
    const m = state.modal;
    const key = m ? m.id + JSON.stringify(m.view) : null;
    if (key === modalKey) return;
    modalKey = key;
    if (!m) { root.innerHTML = ''; modalErrors = {}; return; }
    const v = m.view;
    root.innerHTML = '<div class="overlay"><div class="modal" role="dialog" data-source="modal"><h2>' + textObj(v.title) + '</h2><div class="content">' + blocks(v.blocks) + '</div><div class="foot"><button class="btn" id="modal-close">' + (v.close ? textObj(v.close) : 'Close') + '</button>' + (v.submit ? '<button class="btn primary" id="modal-submit">' + textObj(v.submit) + '</button>' : '') + '</div></div></div>';
  }

  function collect(scope) {
    const values = {};
    scope.querySelectorAll('[data-input]').forEach((el) => {
      const block = el.dataset.input;
      const kind = el.dataset.kind;
      values[block] = values[block] || {};
      if (kind === 'text') values[block].value = { type: 'plain_text_input', value: el.value };
      else if (kind === 'user') values[block].value = { type: 'users_select', selected_user: el.value.trim() || null };
      else if (kind === 'select') values[block].value = { type: 'static_select', selected_option: el.value ? { value: el.value } : null };
      else if (kind === 'multi') values[block].value = { type: 'multi_static_select', selected_options: [...el.selectedOptions].map((o) => ({ value: o.value })) };
      else if (kind === 'check') {
        const prev = values[block].value || { type: 'checkboxes', selected_options: [] };
        if (el.checked) prev.selected_options.push({ value: el.value });
        values[block].value = prev;
      }
    });
    return values;
  }

  async function send(body) {
    const res = await fetch('/console/send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const out = await res.json().catch(() => ({}));
    setTimeout(poll, 50);
    return out;
  }

  async function poll() {
    try {
      const res = await fetch('/console/state');
      const next = await res.json();
      if (next.version !== state.version) { state = next; render(); }
    } catch (e) { /* the bot is restarting */ }
  }

  document.addEventListener('click', async (ev) => {
    const t = ev.target.closest('button');
    if (!t) return;
    if (t.id === 'send') return submitBox();
    if (t.id === 'shortcuts') { const menu = $('shortcut-menu'); menu.hidden = !menu.hidden; t.setAttribute('aria-expanded', String(!menu.hidden)); return; }
    if (t.dataset.globalShortcut) { $('shortcut-menu').hidden = true; $('shortcuts').setAttribute('aria-expanded', 'false'); return send({ kind: 'global_shortcut', callbackId: t.dataset.globalShortcut }); }
    if (t.id === 'cancel-thread') { threadTs = null; return render(); }
    if (t.id === 'tab-channel' || t.id === 'tab-home') {
      tab = t.id === 'tab-home' ? 'home' : 'channel';
      $('tab-channel').classList.toggle('on', tab === 'channel'); $('tab-home').classList.toggle('on', tab === 'home');
      if (tab === 'home') await send({ kind: 'home' });
      return render();
    }
    if (t.id === 'modal-close') return send({ kind: 'close' });
    if (t.id === 'modal-submit') {
      const out = await send({ kind: 'submit', values: collect(document.querySelector('.modal')) });
      if (out.errors) { modalErrors = out.errors; document.querySelectorAll('.modal .err').forEach((e) => e.remove()); Object.entries(out.errors).forEach(([block, msg]) => { const el = document.querySelector('.modal [data-input="' + CSS.escape(block) + '"]'); if (el) { const d = document.createElement('div'); d.className = 'err'; d.textContent = msg; el.closest('.input').appendChild(d); } }); }
      return;
    }
    if (t.dataset.shortcut) return send({ kind: 'shortcut', ts: t.dataset.shortcut });
    if (t.dataset.reply) { threadTs = t.dataset.reply; $('box').focus(); return render(); }
    if (t.dataset.action) {
      const scope = t.closest('[data-source]');
      const source = scope ? scope.dataset.source : 'message';
      const msg = t.closest('.msg');
      return send({ kind: 'action', source, ts: msg ? msg.dataset.ts : undefined, actionId: t.dataset.action, blockId: t.dataset.block, value: t.dataset.value, values: source === 'message' ? undefined : collect(scope) });
    }
  });
  document.addEventListener('change', (ev) => {
    const t = ev.target;
    if (t.tagName === 'SELECT' && t.dataset.action) {
      const scope = t.closest('[data-source]');
      send({ kind: 'action', source: scope ? scope.dataset.source : 'message', actionId: t.dataset.action, blockId: t.dataset.block, value: t.value });
    }
  });
  document.addEventListener('keydown', (ev) => {
    const t = ev.target;
    if (t.id === 'box' && ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); submitBox(); }
    if (t.dataset && t.dataset.dispatch && ev.key === 'Enter') { ev.preventDefault(); const scope = t.closest('[data-source]'); send({ kind: 'action', source: scope ? scope.dataset.source : 'home', actionId: t.dataset.dispatch, blockId: t.dataset.input, value: t.value, values: collect(scope) }); }
  });
  function submitBox() {
    const box = $('box');
    const text = box.value.trim();
    if (!text) return;
    box.value = '';
    send({ kind: 'message', text, threadTs: threadTs || undefined });
  }
  poll();
  setInterval(poll, 400);
})();
</script>
</body>
</html>`;
