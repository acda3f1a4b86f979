"""The query page at `/`: YASGUI (vendored in assets/) set up for this endpoint, its prefixes and named queries."""
from .answers import Answer, asset_answer, page_answer, service_description_answer
from .assets import ASSETS_PATH, asset, yasgui_version
from .examples import Example, examples
from .html import CONTENT_SECURITY_POLICY, generate_query_page

__all__ = ["ASSETS_PATH", "CONTENT_SECURITY_POLICY", "Answer", "Example", "asset", "asset_answer", "examples",
           "generate_query_page", "page_answer", "service_description_answer", "yasgui_version"]
