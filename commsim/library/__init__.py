"""The library: YAML files → checked models, with ``path:line`` problems."""

from commsim.library.catalogue import Library, bundled_dir, validate_paths, yaml_files
from commsim.library.loader import did_you_mean, load_model, suggest
from commsim.library.source import YamlSource, read_yaml

__all__ = [
    "Library",
    "YamlSource",
    "bundled_dir",
    "did_you_mean",
    "load_model",
    "read_yaml",
    "suggest",
    "validate_paths",
    "yaml_files",
]
