"""The Higher Military Commission's conditions-based assessment, per governorate (pure).

Conflict events (UCDP GED) → monthly panel → indicators → factor scores → phase, binding
factor and tranche under a versioned YAML model, with a Monte Carlo sensitivity analysis
and an explain structure tying each number to its inputs. Imports only ``jscd.core``.
"""

from jscd.assess.compare import compare_results
from jscd.assess.config import ModelConfig, default_config_path, load_config
from jscd.assess.engine import decide, draw_parameters, nominal_parameters
from jscd.assess.events import EventTable, file_sha256, load_ucdp_events
from jscd.assess.geo import Governorate, Governorates, default_geojson_path, load_governorates, normalise_name
from jscd.assess.monthly import (
    MonthlyPanel,
    default_monthly_path,
    format_month,
    load_monthly_csv,
    panel_from_events,
    parse_month,
)
from jscd.assess.run import RESULT_SCHEMA, AssessmentInputs, assess, load_inputs
from jscd.assess.series import threat_series
from jscd.assess.stats import Level, Trend, mann_kendall, poisson_level
from jscd.assess.tables import Table, example_path, load_capability, load_indicator_table, load_requirements

__all__ = [
    "RESULT_SCHEMA",
    "AssessmentInputs",
    "EventTable",
    "Governorate",
    "Governorates",
    "Level",
    "ModelConfig",
    "MonthlyPanel",
    "Table",
    "Trend",
    "assess",
    "compare_results",
    "decide",
    "default_config_path",
    "default_geojson_path",
    "default_monthly_path",
    "draw_parameters",
    "example_path",
    "file_sha256",
    "format_month",
    "load_capability",
    "load_config",
    "load_governorates",
    "load_indicator_table",
    "load_inputs",
    "load_monthly_csv",
    "load_requirements",
    "load_ucdp_events",
    "mann_kendall",
    "nominal_parameters",
    "normalise_name",
    "panel_from_events",
    "parse_month",
    "poisson_level",
    "threat_series",
]
