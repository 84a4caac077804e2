"""magsel for Python: permanent-magnet grades, their properties at temperature, working points
over NumPy arrays, and the CLI's studies (match, cost, Monte Carlo) as plain Python data.

Units: temperatures in °C (parameters named ``temperature_C``), fields in A/m (``..._A_m``),
flux densities in T (``..._T``), energy products in J/m³ (``..._J_m3``), fractions as fractions
(0.01 = 1 %). The study functions return the CLI's ``--format json`` documents, whose keys name
their units (``knee_margin_kA_m``, ``irreversible_loss_percent``, ...).

Import from the build tree: ``PYTHONPATH=build/dev/python /usr/bin/python3`` (docs/python.md).
The physics is the C++ library's (docs/physics.md); this package only converts.

Errors: ``magsel.InputError`` (a bad input file: ``file``, ``line``, ``column``, ``message``),
``magsel.UsageError`` (unknown grade, bad value: a ``ValueError``), ``magsel.UnitError``; all
derive from ``magsel.Error``.
"""
from __future__ import annotations

import os
import warnings as _warnings
from typing import Any, Iterable, Mapping, Sequence, Union

import numpy as np

from . import _magsel
from ._magsel import (  # noqa: F401  (re-exported)
    Catalogue,
    Error,
    Grade,
    InputError,
    Prices,
    Requirement,
    UnitError,
    UsageError,
)

__version__: str = _magsel.__version__

__all__ = [
    "Catalogue", "Grade", "Prices", "Requirement",
    "Error", "InputError", "UnitError", "UsageError", "MagselWarning",
    "PROPERTY_NAMES", "STATUS_NAMES",
    "default_catalogue", "grades", "grade", "families", "load_requirement",
    "working_points", "match", "cost", "montecarlo", "to_dataframe",
]

#: The property methods of a Grade (and keys of Grade.properties()), each named with its SI unit.
PROPERTY_NAMES: tuple = tuple(_magsel._property_names)

#: working_points()["status"] values: what a point's answer rests on (magsel/batch.hpp PointStatus).
STATUS_NAMES: dict = {
    _magsel.STATUS_OK: "ok",                              # inside the grade's stated temperature data
    _magsel.STATUS_EXTRAPOLATED: "extrapolated",          # outside it, inside the validity envelope
    _magsel.STATUS_OUTSIDE_ENVELOPE: "outside_envelope",  # beyond a physical limit: outputs are NaN
}

_CELSIUS_ZERO_K: float = _magsel._celsius_zero_in_kelvin

PathLike = Union[str, "os.PathLike[str]"]


class MagselWarning(UserWarning):
    """What the CLI prints as ``magsel: warning: ...`` on stderr (a price edit that moves no
    cost, a Monte Carlo input held at its minimum) or ``magsel: note:`` (a grade replaced)."""


def _warn(messages: Iterable[str]) -> None:
    for message in messages:
        _warnings.warn(message, MagselWarning, stacklevel=3)


# ---- catalogue and grades ------------------------------------------------------------------

def default_catalogue() -> Catalogue:
    """The built-in catalogue plus the directories in MAGSEL_GRADES, as the CLI loads it."""
    catalogue = _magsel._default_catalogue()
    return catalogue


def _catalogue(catalogue: Catalogue | None, grades_dir: PathLike | Sequence[PathLike] | None) -> Catalogue:
    if catalogue is not None and grades_dir is not None:
        raise UsageError("give catalogue= or grades_dir=, not both")
    if grades_dir is not None:
        dirs = [grades_dir] if isinstance(grades_dir, (str, os.PathLike)) else list(grades_dir)
        catalogue = Catalogue([os.fspath(d) for d in dirs])
        _warn(catalogue.notices)
        return catalogue
    return catalogue if catalogue is not None else _magsel._default_catalogue()


def families() -> list[str]:
    """The family names: "sintered-ndfeb", "hot-deformed-ndfeb", "bonded-ndfeb", "ferrite", "smco5", "sm2co17"."""
    return list(_magsel._families())


def grades(family: str | None = None, hre_free: bool | None = None, *, catalogue: Catalogue | None = None,
           grades_dir: PathLike | Sequence[PathLike] | None = None) -> list[Grade]:
    """The grades of the catalogue (catalogue order), optionally of one family and/or heavy-rare-earth
    free or not (``hre_free=True``: no Dy, no Tb on any basis, as ``magsel grades list --hre-free``).

    grades_dir: a directory (or several) of user grade files, added as the CLI's ``--grades DIR``.
    Raises UsageError for an unknown family, InputError for a bad grade file.
    """
    cat = _catalogue(catalogue, grades_dir)
    if family is not None and family not in _magsel._families():
        raise UsageError(f"unknown family `{family}`; one of: {', '.join(_magsel._families())}")
    out = []
    for g in cat.grades():
        if family is not None and g.family != family:
            continue
        if hre_free is not None and g.hre_free != bool(hre_free):
            continue
        out.append(g)
    return out


def grade(name: str, *, catalogue: Catalogue | None = None,
          grades_dir: PathLike | Sequence[PathLike] | None = None) -> Grade:
    """The grade with this name or alias, with the CLI's rules: case, spaces and dashes do not
    matter ("n 48 sh" finds N48SH). Raises UsageError with "did you mean" names when there is none."""
    return _grade_of(name, _catalogue(catalogue, grades_dir))


def _grade_of(name: Grade | str, catalogue: Catalogue) -> Grade:
    if isinstance(name, Grade):
        return name
    if not isinstance(name, str):
        raise UsageError(f"a grade is a Grade or a grade name, not {type(name).__name__}")
    return catalogue.find(name)


# ---- working points -----------------------------------------------------------------------

def _float_array(name: str, value: Any) -> np.ndarray:
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise UsageError(f"{name}: give a number or an array of numbers ({e})") from None


def working_points(grade: Grade | str, temperature_C: Any, pc: Any, field_A_m: Any, *, basis: str = "min",
                   remanence_20_T: Any = None, intrinsic_coercivity_20_A_m: Any = None,
                   catalogue: Catalogue | None = None) -> dict:
    """Working points of a grade on load lines, over NumPy-broadcast arrays.

    grade: a Grade or a grade name. temperature_C: magnet temperature [°C]; pc: permeance
    coefficient Pc (> 0); field_A_m: opposing field Ha [A/m] (≥ 0). The three (and the optional
    20 °C overrides remanence_20_T [T] and intrinsic_coercivity_20_A_m [A/m], which replace the
    grade's rated value per point as Monte Carlo does) broadcast together to one shape S.
    basis: "min" (guaranteed values, the default) or "typ".

    Returns a dict of arrays of shape S (floats and an int when every input is a scalar):
      working_field_A_m  h_w, the internal field at the working point [A/m]
      flux_density_T     B_w [T]
      polarization_T     J_w [T]
      knee_margin_A_m    Hk(T) − h_w [A/m]; negative past the knee
      irreversible_loss  1 − Br'/Br after the load is removed, a fraction in [0, 1]
      status             uint8: 0 ok, 1 extrapolated, 2 outside_envelope (STATUS_NAMES); outputs NaN at 2
    and the counts extrapolated_points, outside_envelope_points.

    The physics is magsel/batch.hpp's (load line, knee model, recoil construction;
    docs/physics.md), run with the GIL released. Raises UsageError for shapes that do not
    broadcast, values out of their domain (the message names the flat index) or a bad basis.
    """
    g = _grade_of(grade, _catalogue(catalogue, None))
    named = {"temperature_C": temperature_C, "pc": pc, "field_A_m": field_A_m}
    if remanence_20_T is not None:
        named["remanence_20_T"] = remanence_20_T
    if intrinsic_coercivity_20_A_m is not None:
        named["intrinsic_coercivity_20_A_m"] = intrinsic_coercivity_20_A_m
    arrays = {k: _float_array(k, v) for k, v in named.items()}
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays.values()))
    except ValueError:
        shapes = ", ".join(f"{k} {a.shape}" for k, a in arrays.items())
        raise UsageError(f"working_points: the shapes do not broadcast together: {shapes}") from None
    scalar = all(a.ndim == 0 for a in arrays.values())
    n = int(np.prod(shape, dtype=np.int64))
    if n == 0:
        empty = {k: np.empty(shape) for k in ("working_field_A_m", "flux_density_T", "polarization_T",
                                              "knee_margin_A_m", "irreversible_loss")}
        empty["status"] = np.empty(shape, dtype=np.uint8)
        empty.update(extrapolated_points=0, outside_envelope_points=0)
        return empty

    def flat(a: np.ndarray) -> np.ndarray:
        # A single value stays one value (the batch API broadcasts it); others become one contiguous copy.
        if a.size == 1:
            return a.reshape(1)
        if a.shape == shape:
            return np.ascontiguousarray(a).reshape(-1)  # no copy when it is contiguous already
        return np.ascontiguousarray(np.broadcast_to(a, shape)).reshape(-1)

    flat_arrays = {k: flat(a) for k, a in arrays.items()}
    out = _magsel._working_points(
        g, flat(arrays["temperature_C"] + _CELSIUS_ZERO_K), flat_arrays["pc"], flat_arrays["field_A_m"], basis,
        flat_arrays.get("remanence_20_T"), flat_arrays.get("intrinsic_coercivity_20_A_m"))
    result: dict = {}
    for key, value in out.items():
        if isinstance(value, np.ndarray):
            value = value.reshape(shape)
            if scalar:
                value = value.item()
        result[key] = value
    return result


# ---- requirements, prices and studies -----------------------------------------------------

def load_requirement(source: PathLike | Mapping[str, Any] | Requirement, *, name: str = "requirement (dict)") -> Requirement:
    """A requirement or design: a file path (str or Path), a dict laid out as the file
    (docs/requirement-file-format.md; quantities as strings with units, "150 degC"), or a
    Requirement. A dict is written as YAML and read by the library's reader, ``name`` standing
    for the file in messages. Raises InputError (file, line, column) for anything wrong."""
    if isinstance(source, Requirement):
        return source
    if isinstance(source, Mapping):
        import yaml  # PyYAML (python3-yaml), only for dict requirements
        text = yaml.safe_dump(dict(source), sort_keys=False, allow_unicode=True)
        return _magsel._parse_requirement(text, name)
    if isinstance(source, (str, os.PathLike)):
        return _magsel._read_requirement_file(os.fspath(source))
    raise UsageError(f"a requirement is a file path, a dict or a Requirement, not {type(source).__name__}")


def _edits(price: str | Sequence[str] | Mapping[str, Any] | None) -> list[str]:
    if price is None:
        return []
    if isinstance(price, str):
        return [price]
    if isinstance(price, Mapping):
        return [f"{k}={v}" for k, v in price.items()]
    return [str(p) for p in price]


def _prices(prices: PathLike | Prices | None, price: Any, market: str | None) -> Prices:
    if isinstance(prices, Prices):
        if price or market is not None:
            raise UsageError("give price= and market= to Prices(...), or pass a price file path, not both")
        return prices
    file = os.fspath(prices) if prices is not None else None
    return Prices(file, market, _edits(price))


def _grade_names(grades: Any) -> list[str]:
    if isinstance(grades, (str, Grade)):
        grades = [grades]
    return [g.name if isinstance(g, Grade) else str(g) for g in grades]


def match(requirement: PathLike | Mapping[str, Any] | Requirement, *, prices: PathLike | Prices | None = None,
          price: str | Sequence[str] | Mapping[str, Any] | None = None, market: str | None = None,
          scenario: str | None = None, top: int | None = None,
          weights: str | Mapping[str, float] | None = None, catalogue: Catalogue | None = None,
          grades_dir: PathLike | Sequence[PathLike] | None = None) -> dict:
    """Every grade against a requirement, as ``magsel match REQ --format json``: a dict with the
    CLI's keys (requirement, candidates ranked best first with margins and costs, the HRE-free and
    export-control-free alternatives, scenario, rejected with the first failing check, market,
    price_scenario), made by the library's report layer (report/match_report.hpp match_json).

    requirement: a file path, a dict laid out as the file, or a Requirement (see load_requirement()).
    prices: a price file (``--prices``) or a Prices; price: edits as ``--price`` ("Dy=2x", a list,
    or {"Dy": "2x"}); market: ``--market``; scenario: "no-export-controlled" or
    "no-heavy-rare-earth" (``--scenario``); top: only the best N candidates (``--top``);
    weights: ranking weights over the requirement's (``--weights``), as {"cost": 3, "supply_risk": 2}
    or "cost=3,supply_risk=2" (performance, demag_margin, cost, supply_risk; each 0 to 100; the
    others keep the requirement's values).
    Raises InputError for a bad file, UsageError for a bad option. Warns (MagselWarning) as the CLI does.
    """
    if top is not None and not (1 <= int(top) <= 100000):
        raise UsageError(f"top: 1 to 100000, not {top}")
    if isinstance(weights, Mapping):
        weights = ",".join(f"{k}={float(v)!r}" for k, v in weights.items())
    elif weights is not None and not isinstance(weights, str):
        raise UsageError(f"weights: a dict or a string like \"cost=3,supply_risk=2\", not {type(weights).__name__}")
    doc, warns = _magsel._match(_catalogue(catalogue, grades_dir), load_requirement(requirement),
                                _prices(prices, price, market), scenario or "none",
                                None if top is None else int(top), weights or "")
    _warn(warns)
    return doc


def cost(grades: str | Grade | Sequence[str | Grade], *, mass_kg: float | None = None,
         volume_m3: float | None = None, prices: PathLike | Prices | None = None,
         price: str | Sequence[str] | Mapping[str, Any] | None = None, market: str | None = None,
         catalogue: Catalogue | None = None, grades_dir: PathLike | Sequence[PathLike] | None = None) -> list:
    """Cost per kg by element and processing, as ``magsel cost G... --format json``: one dict per
    grade with the CLI's keys (cost_per_kg in USD/kg, lines with each price's date and source, Dy+Tb,
    exposure, part cost and, under price edits, the baseline and rank change), from the report layer
    (report/cost_report.hpp costs_json).

    mass_kg: part mass [kg] (``--mass``) or volume_m3: part volume [m³] (``--volume``; the mass
    follows from each grade's density). prices/price/market as in match(). docs/economics.md.
    """
    rows, warns = _magsel._cost(_catalogue(catalogue, grades_dir), _grade_names(grades),
                                _prices(prices, price, market),
                                None if mass_kg is None else float(mass_kg),
                                None if volume_m3 is None else float(volume_m3))
    _warn(warns)
    return rows


def montecarlo(requirement: PathLike | Mapping[str, Any] | Requirement, *,
               grades: str | Grade | Sequence[str | Grade] | None = None, samples: int = 100_000, seed: int = 1,
               threads: int = 0, distribution: str = "uniform", temperature_shift_K: float = 0.0,
               temperature_sd_K: float = 0.0, field_sd_fraction: float = 0.0, field_sd_A_m: float = 0.0,
               top: int = 3, geometry: str | None = None, ld: float | None = None,
               prices: PathLike | Prices | None = None,
               price: str | Sequence[str] | Mapping[str, Any] | None = None, market: str | None = None,
               catalogue: Catalogue | None = None,
               grades_dir: PathLike | Sequence[PathLike] | None = None) -> list:
    """The probability of exceeding the requirement's loss limit under tolerances, as
    ``magsel montecarlo REQ --format json``: one dict per grade with the CLI's keys (probability,
    ci95_low/ci95_high: the 95 % Wilson interval, mean_loss_percent, ...), from the report layer
    (report/montecarlo_report.hpp montecarlo_json). docs/tolerance-analysis.md.

    grades: the grades (default: a design file's grade, else match's best ``top``); samples,
    seed, threads (0: every core), distribution ("uniform" | "normal"); temperature_shift_K and
    temperature_sd_K [K]; the field's standard deviation as field_sd_fraction (0.1 = 10 %) or
    field_sd_A_m [A/m]. geometry ("cylinder:L=10mm,D=10mm", "ring:L=5mm,OD=20mm,ID=10mm",
    "block:L=5mm,W=20mm,H=10mm"; L along the magnetization) or ld (a cylinder's length/diameter)
    replace the requirement's Pc by an isolated magnet's (``--geometry`` / ``--ld``;
    docs/physics.md): the worst case, since a magnet in a circuit sees a higher Pc.
    Runs with the GIL released; the same seed gives the same answer.
    Raises UsageError when nothing qualifies and no grade is named, for geometry and ld together,
    or for a requirement without a demagnetization block; UnitError for a bad dimension.
    """
    names = [] if grades is None else _grade_names(grades)
    rows, warns = _magsel._montecarlo(_catalogue(catalogue, grades_dir), load_requirement(requirement), names,
                                      int(samples), int(seed), int(threads), distribution,
                                      float(temperature_shift_K), float(temperature_sd_K),
                                      float(field_sd_fraction), float(field_sd_A_m), int(top),
                                      _prices(prices, price, market), geometry or "",
                                      None if ld is None else float(ld))
    _warn(warns)
    return rows


# ---- pandas -------------------------------------------------------------------------------

def to_dataframe(data: Any, key: str | None = None):
    """A pandas DataFrame of a result: a working_points() or Grade.properties() dict (one row per
    point, flattened), a list of dicts (cost(), montecarlo(): nested dicts become "a.b" columns),
    or a match() dict (its ``key`` list: "candidates" by default, or "rejected").
    Raises ImportError with the package to install when pandas is missing (it is optional)."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("magsel.to_dataframe needs pandas: apt install python3-pandas "
                          "(scripts/install-deps.sh installs it)") from None
    if isinstance(data, Mapping) and ("candidates" in data or key is not None):
        data = data[key or "candidates"]
    if isinstance(data, Mapping):
        columns = {k: np.ravel(v) for k, v in data.items() if isinstance(v, np.ndarray)}
        return pd.DataFrame(columns)
    return pd.json_normalize(list(data), sep=".")
