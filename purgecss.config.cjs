// Bootstrap's stylesheet trimmed to the rules the site uses (issue 11: 210 KB of unused CSS blocked the first
// paint). `make setup` runs it: `node_modules/.bin/purgecss --config purgecss.config.cjs`; the result,
// build/bootstrap/bootstrap.min.css, is served as vendor/bootstrap-trimmed/ (config/settings/base.py) and never
// committed. Its content is every place a class name can come from: the templates, crispy-forms' and
// django-filter's and Django's form widgets, the Python that names classes (forms, helpers), and the JavaScript.
module.exports = {
  css: ["node_modules/bootstrap/dist/css/bootstrap.min.css"],
  content: [
    "templates/**/*.html",
    "{agencies,directives,tasks,reports,api,config}/**/*.py",
    "static/js/*.js",
    ".venv/lib/python3*/site-packages/crispy_bootstrap5/templates/**/*.html",
    ".venv/lib/python3*/site-packages/crispy_forms/templates/**/*.html",
    ".venv/lib/python3*/site-packages/django_filters/templates/**/*.html",
    // Django's widgets: their input types ([type=radio], [type=checkbox]...) are set in Python.
    ".venv/lib/python3*/site-packages/django/forms/widgets.py",
    ".venv/lib/python3*/site-packages/django/forms/templates/**/*.html",
  ],
  // Class names built at run time: colours chosen in Python (badge_colour, yes_class...) and put together in a
  // template ("text-bg-{{ colour }}"), and the states Bootstrap's JavaScript sets.
  safelist: {
    standard: [/^(show|showing|hiding|fade|collapse|collapsing|active|disabled|border)$/],
    greedy: [
      /^(btn|btn-outline|text-bg|bg|text|border|alert|badge|table|link|list-group-item)-(primary|secondary|success|danger|warning|info|light|dark|body)/,
      /^(is|was)-/,
    ],
  },
  output: "build/bootstrap/",
};
