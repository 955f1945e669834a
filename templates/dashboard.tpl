{{%AUTOESCAPE context="HTML"}}
{{! Dashboard, foundation stage. Keys: USER_FIRST_NAME (from the layout). }}
<h2 class="welcome">Welcome back, {{USER_FIRST_NAME}}</h2>
<section class="panel" aria-labelledby="pins-title">
  <div class="panel-head">
    <h2 id="pins-title">Pinned candidates</h2>
  </div>
  <div class="empty">
    <img class="empty-icon" src="/static/img/empty-pins.svg" alt="" width="48" height="48">
    <p class="empty-title">No pinned candidates yet</p>
    <p class="empty-text">Candidates you pin will show up here, with their latest replies.</p>
  </div>
</section>
