"""Views: interactive offline HTML pages (overview, focus, issue, timeline, bargaining gap), one module per stage."""
from .chart import GapView, gap_rows, gap_view
from .data import Event, StoreData, Term, local_name
from .graphs import actor_graph, focus, issue, issue_graph, issues_present, network_view, overview
from .index import index_html, write_index
from .layout import layout_positions
from .page import Page
from .render import (
           generate,
           generate_standard_views,
           render_view,
           script_json,
           to_html,
           write_html,
           write_standard_views,
           write_view,
)
from .timeline import TimelineView, timeline, timeline_page
from .vis import LARGE_GRAPH, ViewNetwork, build_network

__all__ = ["LARGE_GRAPH", "Event", "GapView", "Page", "StoreData", "Term", "TimelineView", "ViewNetwork",
           "actor_graph", "build_network", "focus", "gap_rows", "gap_view", "generate", "generate_standard_views",
           "index_html", "issue", "issue_graph", "issues_present", "layout_positions", "local_name", "network_view",
           "overview", "render_view", "script_json", "timeline", "timeline_page", "to_html", "write_html",
           "write_index", "write_standard_views", "write_view"]
