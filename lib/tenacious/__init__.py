"""Tenacious-Bench: benchmark, SimPO critic and ORPO judge for a B2B sales-outreach agent."""

__version__ = "0.1.0"
