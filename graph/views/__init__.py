"""Views: interactive offline HTML pages of the network (overview, focus, issue, timeline), one module per stage."""
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
from .timeline import timeline, timeline_graph
from .vis import LARGE_GRAPH, ViewNetwork, build_network

__all__ = ["LARGE_GRAPH", "Event", "Page", "StoreData", "Term", "ViewNetwork", "actor_graph", "build_network",
           "focus", "generate", "generate_standard_views", "index_html", "issue", "issue_graph", "issues_present",
           "layout_positions", "local_name", "network_view", "overview", "render_view", "script_json", "timeline",
           "timeline_graph", "to_html", "write_html", "write_index", "write_standard_views", "write_view"]
