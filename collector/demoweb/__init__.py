"""An offline demo news web served on loopback, for the demo and end-to-end tests."""

from collector.demoweb.server import DemoWeb
from collector.demoweb.truth import Truth

__all__ = ["DemoWeb", "Truth"]
