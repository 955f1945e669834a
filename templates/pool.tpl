{{%AUTOESCAPE context="HTML"}}
{{! One pool (cgi-bin/crm/pools.c); the h1 is its name. Keys: POOL_ID, MEMBERS, MEMBERS_WORD, OWNER (section + value), PINNED / UNPINNED (sections), HAS_MEMBERS (section) with TABLE (people_table.tpl, Remove buttons), NO_MEMBERS (section), NEXT (section: NEXT_CURSOR). }}
<div class="person-head">
  <p class="person-meta">{{MEMBERS}} {{MEMBERS_WORD}}{{#OWNER}} &middot; made by {{OWNER}}{{/OWNER}} &middot; <a href="/pools">All pools</a></p>
  <div class="person-actions">
{{#UNPINNED}}
    <form method="post" action="/pools/{{POOL_ID}}/pin">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="pin" value="yes">
      <button class="btn btn-small" type="submit">Pin to dashboard</button>
    </form>
{{/UNPINNED}}
{{#PINNED}}
    <form method="post" action="/pools/{{POOL_ID}}/pin">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="pin" value="no">
      <button class="btn btn-small" type="submit" aria-pressed="true">Pinned &middot; Unpin</button>
    </form>
{{/PINNED}}
    <details class="menu">
      <summary class="btn btn-small btn-quiet">Delete pool</summary>
      <div class="menu-panel menu-panel-right">
        <p class="menu-note">The pool goes; its people stay in Loop.</p>
        <form method="post" action="/pools/{{POOL_ID}}/delete">
          <input type="hidden" name="csrf" value="{{CSRF}}">
          <button class="btn btn-small btn-danger" type="submit">Delete this pool</button>
        </form>
      </div>
    </details>
  </div>
</div>
{{#HAS_MEMBERS}}
<section class="panel" aria-label="People in this pool">
{{>TABLE}}
</section>
{{/HAS_MEMBERS}}
{{#NO_MEMBERS}}
<section class="panel">
  <div class="empty">
    <p class="empty-title">No one in this pool yet</p>
    <p class="empty-text">Open a person from <a href="/people">People</a> and add them under &ldquo;Pools&rdquo;.</p>
  </div>
</section>
{{/NO_MEMBERS}}
<nav class="pager" aria-label="Pages">
{{#NEXT}}
  <a class="btn btn-small" rel="next" href="/pools/{{POOL_ID}}?cursor={{NEXT_CURSOR}}">Next</a>
{{/NEXT}}
</nav>
