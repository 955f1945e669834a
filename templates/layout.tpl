{{%AUTOESCAPE context="HTML"}}
{{! The recruiter layout: see templates/README.md for its keys. }}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · Loop</title>
<link rel="stylesheet" href="/static/css/loop.css">
<link rel="stylesheet" href="/static/css/crm.css">
<link rel="icon" href="/static/img/loop-mark.svg" type="image/svg+xml">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
{{#SIGNED_IN}}
<header class="topbar">
  <div class="topbar-inner">
    <a class="brand" href="/"><img class="brand-mark" src="/static/img/loop-mark.svg" alt="" width="28" height="28"><span class="brand-name">Loop</span></a>
    <nav class="mainnav" aria-label="Main">
      <ul>
{{#NAV}}
        <li><a href="{{NAV_HREF}}"{{#NAV_ACTIVE}} aria-current="page"{{/NAV_ACTIVE}}>{{NAV_LABEL}}</a></li>
{{/NAV}}
      </ul>
    </nav>
    <div class="account">
      <div class="account-who">
        <a class="account-name" href="/account">{{USER_NAME}}</a>
        <span class="account-tenant">{{TENANT_NAME}}</span>
      </div>
      <form class="account-logout" method="post" action="/logout">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <button class="btn btn-quiet btn-small" type="submit">Sign out</button>
      </form>
    </div>
  </div>
</header>
<main id="main" class="main">
{{/SIGNED_IN}}
{{#SIGNED_OUT}}
<main id="main" class="auth">
  <div class="auth-brand"><img class="brand-mark" src="/static/img/loop-mark.svg" alt="" width="36" height="36"><span class="brand-name">Loop</span></div>
  <div class="auth-card">
{{/SIGNED_OUT}}
{{#FLASH}}
  <div class="flash flash-{{FLASH_KIND}}" role="{{FLASH_ROLE}}">{{FLASH_TEXT}}</div>
{{/FLASH}}
  <h1 class="page-title">{{TITLE}}</h1>
{{>BODY}}
{{#SIGNED_OUT}}
  </div>
{{/SIGNED_OUT}}
</main>
</body>
</html>
