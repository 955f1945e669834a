{{%AUTOESCAPE context="HTML"}}
{{! Chats (cgi-bin/crm/chats.c): the latest message of each conversation. Keys: HAS_CHATS (section) with CHATS (rows: PERSON_ID, NAME, DIRECTION ("You" or "Them"), BODY, AT, STATUS, STATUS_LABEL, FLAGGED section), NO_CHATS (section). }}
<p class="page-lead muted">Your team's SMS conversations, the most recent first. Open one to read it and reply.</p>
{{#HAS_CHATS}}
<section class="panel" aria-label="Chats">
  <div class="table-wrap">
  <table class="table chats-table">
    <thead><tr><th scope="col">Person</th><th scope="col">Last message</th><th scope="col">When</th><th scope="col">Status</th></tr></thead>
    <tbody>
{{#CHATS}}
      <tr>
        <td><a href="/people/{{PERSON_ID}}/chat">{{NAME}}</a>{{#FLAGGED}} <span class="tag">Check opt-out</span>{{/FLAGGED}}</td>
        <td class="chat-last"><span class="muted">{{DIRECTION}}:</span> {{BODY}}</td>
        <td>{{AT}}</td>
        <td><span class="msg-status msg-status-{{STATUS}}">{{STATUS_LABEL}}</span></td>
      </tr>
{{/CHATS}}
    </tbody>
  </table>
  </div>
</section>
{{/HAS_CHATS}}
{{#NO_CHATS}}
<section class="panel">
  <div class="empty">
    <p class="empty-title">No conversations yet</p>
    <p class="empty-text">Open a person and use Messaging to start a chat by SMS.</p>
  </div>
</section>
{{/NO_CHATS}}
