{{%AUTOESCAPE context="HTML"}}
{{! Pools (cgi-bin/crm/pools.c). Keys: ERROR (section + value), NAME (typed into the create form), HAS_POOLS (section) with POOLS (rows: POOL_ID, POOL_NAME, MEMBERS, MEMBERS_WORD, OWNER section + value, PINNED / UNPINNED sections), NO_POOLS (section). }}
<p class="page-lead muted">Pools are lists of people you and your team keep: a talent pipeline, an event's attendees, people to call back. Pin one to see it on your dashboard.</p>
<section class="panel" aria-labelledby="new-pool-title">
  <div class="panel-head"><h2 id="new-pool-title">New pool</h2></div>
  <div class="panel-body">
{{#ERROR}}
    <div class="alert alert-error" role="alert">{{ERROR}}</div>
{{/ERROR}}
    <form class="inline-form" method="post" action="/pools">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <label class="visually-hidden" for="pool-name">Pool name</label>
      <input id="pool-name" name="name" type="text" value="{{NAME}}" maxlength="100" required placeholder="Pool name, e.g. Backend engineers 2026">
      <button class="btn btn-primary" type="submit">Create pool</button>
    </form>
  </div>
</section>
{{#HAS_POOLS}}
<section class="panel" aria-label="Pools">
  <div class="table-wrap">
  <table class="table">
    <thead><tr><th scope="col">Pool</th><th scope="col">People</th><th scope="col">Owner</th><th scope="col"><span class="visually-hidden">Pin</span></th></tr></thead>
    <tbody>
{{#POOLS}}
      <tr>
        <td><a href="/pools/{{POOL_ID}}">{{POOL_NAME}}</a></td>
        <td class="num">{{MEMBERS}}</td>
        <td>{{#OWNER}}{{OWNER}}{{/OWNER}}</td>
        <td class="cell-actions">{{#PINNED}}<span class="tag">Pinned</span>{{/PINNED}}</td>
      </tr>
{{/POOLS}}
    </tbody>
  </table>
  </div>
</section>
{{/HAS_POOLS}}
{{#NO_POOLS}}
<section class="panel">
  <div class="empty">
    <p class="empty-title">No pools yet</p>
    <p class="empty-text">Create one above, or from a person's page with &ldquo;New pool with this person&rdquo;.</p>
  </div>
</section>
{{/NO_POOLS}}
