"""Grade lookup, the catalogue, and properties at temperatures against the CLI and the C++ values."""
import math

import numpy as np
import pytest

import magsel


def test_lookup_follows_the_cli_name_rules():
    g = magsel.grade("N48SH")
    assert g.name == "N48SH"
    assert magsel.grade("n48sh") == g          # case
    assert magsel.grade("n 48 sh") == g        # spaces
    assert magsel.grade("48SH") == g           # an alias
    assert "48SH" in g.aliases
    assert g.family == "sintered-ndfeb"
    assert repr(g) == "<magsel.Grade N48SH (sintered-ndfeb)>"


def test_unknown_grade_is_a_usage_error_with_did_you_mean():
    with pytest.raises(magsel.UsageError) as e:
        magsel.grade("N48XX")
    assert "did you mean" in str(e.value)
    assert "N48" in str(e.value)
    assert isinstance(e.value, ValueError)
    assert isinstance(e.value, magsel.Error)
    with pytest.raises(magsel.UsageError):
        magsel.grade(48)


def test_grades_filters(cli):
    everything = magsel.grades()
    listed = cli("grades", "list", "--format", "json")
    assert [g.name for g in everything] == [row["name"] for row in listed]
    ferrite = magsel.grades(family="ferrite")
    assert ferrite and all(g.family == "ferrite" for g in ferrite)
    assert [g.name for g in ferrite] == [r["name"] for r in cli("grades", "list", "--family", "ferrite", "--format", "json")]
    free = magsel.grades(hre_free=True)
    assert [g.name for g in free] == [r["name"] for r in cli("grades", "list", "--hre-free", "--format", "json")]
    assert all(g.hre_free and g.hre_free_basis in ("stated", "composition", "estimated") for g in free)
    not_free = magsel.grades(hre_free=False)
    assert len(free) + len(not_free) == len(everything)
    with pytest.raises(magsel.UsageError, match="unknown family"):
        magsel.grades(family="alnico")


def test_grade_attributes_match_grades_show(cli):
    g = magsel.grade("N48SH")
    shown = cli("grades", "show", "N48SH", "--format", "json")
    assert g.aliases == shown["aliases"]
    assert g.hre_free == shown["hre_free"]
    assert g.hre_free_basis == shown["hre_free_basis"]
    assert g.dy_tb_fraction * 100 == pytest.approx(shown["dy_tb_wt_percent"], rel=1e-12)
    assert g.max_operating_temperature_C == pytest.approx(shown["max_operating_temperature_degC"])
    assert g.recoil_permeability == shown["recoil_permeability"]
    assert g.squareness == shown["squareness"]
    assert g.source["title"] == shown["source"]["title"]
    assert g.sources[0]["url"] == shown["source"]["url"]
    assert g.remanence_20_T["min"] == pytest.approx(1.37)
    assert sum(g.composition.values()) == pytest.approx(1.0, abs=0.02)


def test_user_grade_directory(source_dir, tmp_path):
    directory = source_dir / "tests" / "data" / "good" / "measured"
    user = magsel.grade("N42M-ARNOLD", grades_dir=directory)
    assert not user.builtin
    with pytest.raises(magsel.UsageError):
        magsel.grade("N42M-ARNOLD")  # not in the built-in catalogue
    cat = magsel.Catalogue([str(directory)])
    assert len(cat) == len(magsel.default_catalogue()) + 2
    (tmp_path / "bad.yaml").write_text("grades:\n  - name: BAD1\n    family: alnico\n")
    with pytest.raises(magsel.InputError) as e:
        magsel.Catalogue([str(tmp_path)])
    assert e.value.file.endswith("bad.yaml")
    assert (e.value.line, e.value.column) == (1, 1)
    assert "family" in e.value.message and not e.value.message.startswith(e.value.file)


TEMPERATURES = [-40.0, 20.0, 80.0, 150.0, 180.0]


@pytest.mark.parametrize("name,basis", [("N48SH", "min"), ("N42", "typ"), ("Y30BH", "min"), ("N42M-ARNOLD", "min")])
def test_properties_equal_grades_show(cli, source_dir, name, basis):
    """Every property equals `magsel grades show --format json` (kA/m, kJ/m^3 there; SI here)."""
    extra = ["--grades", source_dir / "tests/data/good/measured"] if name.endswith("ARNOLD") else []
    catalogue = magsel.Catalogue([str(source_dir / "tests/data/good/measured")]) if extra else None
    at = [a for t in TEMPERATURES for a in ("--at", f"{t}degC")]
    shown = cli(*extra, "grades", "show", name, *at, "--basis", basis, "--format", "json")
    g = magsel.grade(name, catalogue=catalogue)
    t = np.array(TEMPERATURES)
    props = g.properties(t, basis=basis)
    scale = {"T": 1.0, "kA_m": 1e3, "kJ_m3": 1e3}
    for i, point in enumerate(shown["points"]):
        assert props["temperature_C"][i] == point["temperature_degC"]
        assert bool(props["extrapolated"][i]) == point["extrapolated"]
        assert bool(props["measured_curve"][i]) == (point["curve"] == "measured")
        for key, value in point.items():
            unit = next((u for u in scale if key.endswith("_" + u)), None)
            if unit is None:
                continue
            python_key = key[: -len(unit)] + {"T": "T", "kA_m": "A_m", "kJ_m3": "J_m3"}[unit]
            assert python_key in magsel.PROPERTY_NAMES
            assert props[python_key][i] == pytest.approx(value * scale[unit], rel=1e-12), (key, point["temperature_degC"])
            # the one-property method gives the same, scalar in -> float out
            one = getattr(g, python_key)(TEMPERATURES[i], basis=basis)
            assert isinstance(one, float)
            assert one == pytest.approx(value * scale[unit], rel=1e-12)


def test_property_arrays_keep_their_shape():
    g = magsel.grade("N48SH")
    t = np.linspace(20, 150, 12).reshape(3, 4)
    br = g.remanence_T(t)
    assert br.shape == (3, 4) and br.dtype == np.float64
    assert np.all(np.diff(br.ravel()) < 0)  # NdFeB: Br falls with temperature
    assert g.remanence_T([20, 150]).shape == (2,)
    assert g.remanence_T(np.array(150.0)).shape == ()  # a 0-d array stays an array
    assert isinstance(g.remanence_T(np.float64(150.0)), float)  # a NumPy scalar is a number
    assert g.intrinsic_coercivity_A_m(150) == pytest.approx(476350.7446740426, rel=1e-12)  # the C++ value (grades show)
    assert g.remanence_T(20, basis="typ") > g.remanence_T(20, basis="min")


def test_outside_the_envelope_is_nan_and_flagged():
    g = magsel.grade("N42")
    curie = g.curie_temperature_C
    assert curie is not None and curie > 250
    props = g.properties([20.0, curie + 10.0])
    assert not props["outside_envelope"][0] and props["outside_envelope"][1]
    assert math.isnan(props["remanence_T"][1]) and not math.isnan(props["remanence_T"][0])
    assert any("Curie" in w for w in props["warnings"])
    assert math.isnan(g.remanence_T(curie + 10.0))


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -300.0, [20.0, float("nan")]])
def test_bad_temperatures_raise(bad):
    with pytest.raises(magsel.UsageError, match="temperature_C"):
        magsel.grade("N48SH").remanence_T(bad)


def test_bad_basis_and_types_raise():
    g = magsel.grade("N48SH")
    with pytest.raises(magsel.UsageError):
        g.remanence_T(20, basis="median")
    with pytest.raises(magsel.UsageError):
        g.remanence_T("hot")
    with pytest.raises(TypeError):
        g.remanence_T()


def test_the_stub_declares_the_public_api():
    """magsel/__init__.pyi (with py.typed, for editors) names every public function and property method."""
    import ast
    import pathlib

    package = pathlib.Path(magsel.__file__).parent
    assert (package / "py.typed").exists()
    tree = ast.parse((package / "__init__.pyi").read_text())
    declared = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    declared |= {t.id for n in ast.walk(tree) if isinstance(n, ast.AnnAssign) for t in [n.target] if isinstance(t, ast.Name)}
    assert set(magsel.__all__) <= declared
    assert set(magsel.PROPERTY_NAMES) <= declared
