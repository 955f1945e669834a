{{%AUTOESCAPE context="HTML"}}
{{! People list and search (cgi-bin/crm/people.c). Keys: Q (the search as typed), ERROR (section + value), COUNT_TEXT, RESULTS (section) with TABLE (people_table.tpl), NOBODY (section: the tenant has no one), NO_MATCH (section + value: the search found no one), NEXT (section: NEXT_CURSOR), FIRST_PAGE (section). }}
<div class="page-actions">
  <a class="btn btn-primary" href="/people/new">Add person</a>
  <a class="btn" href="/people/upload">Add multiple people</a>
  <a class="btn btn-quiet" href="/pools">Pools</a>
</div>
<form class="search" method="get" action="/people" role="search">
  <label class="visually-hidden" for="people-q">Search people</label>
  <input id="people-q" name="q" type="search" value="{{Q}}" maxlength="200" placeholder="Search by name, &quot;First Last&quot;, +12223334444 or &quot;name@example.com&quot;" autocomplete="off" spellcheck="false">
  <button class="btn btn-primary" type="submit">Search</button>
</form>
<p class="search-help muted">Words find names that start with them, in any order. Quote a full name or an email address for that exact one; a phone number is searched in E.164 form, like +12223334444.</p>
{{#ERROR}}
<div class="alert alert-error" role="alert">{{ERROR}}</div>
{{/ERROR}}
{{#RESULTS}}
<p class="result-count" role="status">{{COUNT_TEXT}}</p>
<section class="panel" aria-label="People">
{{>TABLE}}
</section>
{{/RESULTS}}
{{#NOBODY}}
<section class="panel">
  <div class="empty">
    <p class="empty-title">No people yet</p>
    <p class="empty-text">Add someone by hand or upload a spreadsheet; people from Greenhouse appear here as they arrive.</p>
  </div>
</section>
{{/NOBODY}}
{{#NO_MATCH}}
<section class="panel">
  <div class="empty" role="status">
    <p class="empty-title">No one matches &ldquo;{{NO_MATCH}}&rdquo;</p>
    <p class="empty-text">Check the spelling, search with fewer words or the first letters of a name, or <a href="/people">see everyone</a>.</p>
  </div>
</section>
{{/NO_MATCH}}
<nav class="pager" aria-label="Pages">
{{#FIRST_PAGE}}
  <a class="btn btn-small" href="/people?q={{Q:u}}">First page</a>
{{/FIRST_PAGE}}
{{#NEXT}}
  <a class="btn btn-small" rel="next" href="/people?q={{Q:u}}&amp;cursor={{NEXT_CURSOR}}">Next</a>
{{/NEXT}}
</nav>
