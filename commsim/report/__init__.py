"""Feedback reports: a stored attempt rendered as HTML or Markdown with jinja2 templates."""

from commsim.report.render import FORMATS, Format, ReportView, build_view, md_escape, render, render_report

__all__ = ["FORMATS", "Format", "ReportView", "build_view", "md_escape", "render", "render_report"]
