"""match, cost and montecarlo return the CLI's JSON documents (the same keys and values), dict
requirements read like files, and errors carry the library's locations."""
import pytest
import yaml

import magsel


def keys_of(value, path=""):
    """Every key path of a JSON document (list items share one path)."""
    out = set()
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(f"{path}/{k}")
            out |= keys_of(v, f"{path}/{k}")
    elif isinstance(value, list):
        for v in value:
            out |= keys_of(v, f"{path}[]")
    return out


@pytest.mark.parametrize("example,options,cli_options", [
    ("examples/ev-traction-ipm.yaml", {}, []),
    ("examples/ev-traction-ipm.yaml", dict(price="Dy=2x", top=3), ["--price", "Dy=2x", "--top", "3"]),
    ("examples/robot-joint-actuator.yaml", dict(scenario="no-export-controlled"), ["--scenario", "no-export-controlled"]),
    ("examples/industrial-ie5-motor.yaml", dict(market="europe", price={"Tb": "2x", "Dy": "+50%"}),
     ["--market", "europe", "--price", "Tb=2x", "--price", "Dy=+50%"]),
    ("examples/ev-traction-ipm.yaml", dict(weights={"cost": 3, "supply_risk": 2}),
     ["--weights", "cost=3,supply_risk=2"]),
    ("examples/ev-traction-ipm.yaml", dict(weights="performance=0,demag_margin=5"),
     ["--weights", "performance=0,demag_margin=5"]),
])
def test_match_equals_the_cli_json(cli, source_dir, example, options, cli_options):
    path = source_dir / example
    # exit 1 when nothing qualifies: the document is printed all the same
    shown = cli("match", path, *cli_options, "--format", "json", expect_exit=(0, 1))
    result = magsel.match(path, **options)
    assert keys_of(result) == keys_of(shown)
    assert list(result) == list(shown)  # the same key order
    assert result == shown              # and the same values: one computation, one report layer


def test_cost_equals_the_cli_json(cli):
    shown = cli("cost", "N48SH", "N38UH", "Y30BH", "--mass", "1.6kg", "--price", "Dy=2x", "--format", "json")
    rows = magsel.cost(["N48SH", magsel.grade("N38UH"), "y30bh"], mass_kg=1.6, price=["Dy=2x"])
    assert isinstance(rows, list) and len(rows) == 3
    assert keys_of(rows) == keys_of(shown)
    assert rows == shown
    volume = cli("cost", "N42", "--volume", "120cm^3", "--format", "json")
    by_volume = magsel.cost("N42", volume_m3=120e-6)
    assert keys_of(by_volume) == keys_of(volume)
    # "120cm^3" is 120 × (0.01 m)³ in the CLI's parser: the part figures agree to rounding
    for key in ("part_mass_kg", "part_cost"):
        assert by_volume[0].pop(key) == pytest.approx(volume[0].pop(key), rel=1e-12)
    assert by_volume == volume


def test_montecarlo_equals_the_cli_json(cli, source_dir):
    path = source_dir / "examples/designs/ev-traction-n38ah.yaml"
    shown = cli("montecarlo", path, "--samples", 4000, "--seed", 7, "--temperature-shift", "10K",
                "--temperature-sd", "5K", "--field-sd", "10%", "--format", "json")
    with pytest.warns(magsel.MagselWarning, match="held at its minimum"):  # what the CLI prints on stderr
        rows = magsel.montecarlo(path, samples=4000, seed=7, temperature_shift_K=10, temperature_sd_K=5,
                                 field_sd_fraction=0.1)
    assert keys_of(rows) == keys_of(shown)
    assert rows == shown
    assert rows[0]["grade"] == "N38AH"
    assert 0.0 <= rows[0]["ci95_low"] <= rows[0]["probability"] <= rows[0]["ci95_high"] <= 1.0
    # named grades, one thread: the same seed gives the same answer whatever the thread count
    with pytest.warns(magsel.MagselWarning):
        one = magsel.montecarlo(path, grades=["N38AH"], samples=4000, seed=7, threads=1, temperature_shift_K=10,
                                temperature_sd_K=5, field_sd_fraction=0.1)
    assert one == rows


def test_dict_requirement_reads_like_the_file(source_dir):
    path = source_dir / "examples/ev-traction-ipm.yaml"
    as_dict = yaml.safe_load(path.read_text())
    from_file = magsel.match(path)
    from_dict = magsel.match(as_dict)
    assert from_dict["requirement"]["file"] == "requirement (dict)"
    from_file["requirement"]["file"] = from_dict["requirement"]["file"]
    assert from_dict == from_file
    r = magsel.load_requirement(as_dict)
    assert r.max_temperature_C == pytest.approx(180.0)
    assert r.permeance_coefficient == 2.0
    assert r.opposing_field_A_m == pytest.approx(600e3)


def test_bad_requirement_file_raises_input_error_with_location(tmp_path, cli):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\napplication: motor\ntemperature: {min: -40 degC, max: 180 kg}\n")
    with pytest.raises(magsel.InputError) as e:
        magsel.match(bad)
    err = e.value
    assert err.file == str(bad)
    assert err.line == 3
    assert err.column is not None and err.column > 1
    assert "180 kg" in err.line_text
    assert str(err).startswith(f"{bad}:3:{err.column}: error: ")
    assert err.message and err.message in str(err)
    assert err.errors[0] == (str(bad), 3, err.column, err.message)
    assert isinstance(err, ValueError)
    # the CLI reports the same place
    done = cli("match", bad, expect_exit=2, parse=False)
    assert f"{bad}:3:{err.column}:" in done.stderr


def test_bad_dict_requirement_names_the_dict():
    with pytest.raises(magsel.InputError) as e:
        magsel.match({"name": "x", "application": "motor", "temperature": {"min": "20 degC", "max": "10 parsecs"}},
                     )
    assert e.value.file == "requirement (dict)"
    assert e.value.line is not None


@pytest.mark.parametrize("call,match", [
    (lambda: magsel.match("/nonexistent/req.yaml"), "nonexistent"),
    (lambda: magsel.match("examples/ev-traction-ipm.yaml", scenario="no-magnets"), "scenario"),
    (lambda: magsel.match("examples/ev-traction-ipm.yaml", top=0), "top"),
    (lambda: magsel.cost("N48SH", price="Dy=twice"), "Dy"),
    (lambda: magsel.cost("N48SH", market="mars"), "mars"),
    (lambda: magsel.cost("N48XX"), "did you mean"),
    (lambda: magsel.cost([]), "at least one"),
    (lambda: magsel.cost("N48SH", mass_kg=-1.0), "mass"),
    (lambda: magsel.montecarlo("examples/designs/ev-traction-n38ah.yaml", samples=0), "samples"),
    (lambda: magsel.montecarlo("examples/designs/ev-traction-n38ah.yaml", distribution="cauchy"), "cauchy"),
    (lambda: magsel.match(42), "requirement"),
])
def test_bad_options_raise_magsel_errors(call, match, source_dir, monkeypatch):
    monkeypatch.chdir(source_dir)
    with pytest.raises(magsel.Error, match=match):
        call()


def test_price_edit_moving_no_cost_warns():
    with pytest.warns(magsel.MagselWarning, match="Tb"):
        magsel.cost("Y30BH", price="Tb=5x")


def test_to_dataframe(source_dir):
    pd = pytest.importorskip("pandas", reason="pandas (python3-pandas) is optional")
    frame = magsel.to_dataframe(magsel.match(source_dir / "examples/ev-traction-ipm.yaml"))
    assert list(frame["grade"])[:1] == ["HL-G42AH"]
    assert "rank" in frame.columns
    w = magsel.working_points("N48SH", [100, 150], 2, [[1e5], [4e5]])
    wf = magsel.to_dataframe(w)
    assert len(wf) == 4 and "irreversible_loss" in wf.columns
    assert isinstance(magsel.to_dataframe(magsel.cost("N42")), pd.DataFrame)


def test_match_weights_change_the_ranking_and_bad_weights_are_usage_errors(source_dir):
    path = source_dir / "examples/ev-traction-ipm.yaml"
    base = magsel.match(path)
    cheap = magsel.match(path, weights={"performance": 0, "demag_margin": 0, "cost": 1, "supply_risk": 0})
    # cost alone: the robust candidates (ranked first, as always) by cost per kg, equal costs by name
    robust = [c for c in cheap["candidates"] if c["robust"]]
    assert len(robust) >= 2
    assert [c["grade"] for c in robust] == [g for _, g in sorted((c["cost_per_kg"], c["grade"]) for c in robust)]
    assert [c["grade"] for c in cheap["candidates"]] != [c["grade"] for c in base["candidates"]]
    for bad, says in [({"colour": 1}, "unknown weight"), ("cost=x", "not a number"), ({"cost": 101}, "between 0 and 100"),
                      ({"performance": 0, "demag_margin": 0, "cost": 0, "supply_risk": 0}, "above 0"),
                      ({"cost": float("nan")}, "between 0 and 100"), (3, "a dict or a string")]:
        with pytest.raises(magsel.UsageError, match=says):
            magsel.match(path, weights=bad)
    # the requirement object is not changed by a weighted match
    r = magsel.load_requirement(path)
    magsel.match(r, weights={"cost": 5})
    assert magsel.match(r) == base


def test_montecarlo_geometry_equals_the_cli(cli, source_dir):
    path = source_dir / "examples/designs/ev-traction-n38ah.yaml"
    common = dict(samples=3000, seed=3, temperature_sd_K=5, field_sd_fraction=0.1)
    for options, cli_options in [(dict(geometry="cylinder:L=10mm,D=10mm"), ["--geometry", "cylinder:L=10mm,D=10mm"]),
                                 (dict(ld=0.7), ["--ld", "0.7"])]:
        shown = cli("montecarlo", path, "--samples", 3000, "--seed", 3, "--temperature-sd", "5K", "--field-sd", "10%",
                    *cli_options, "--format", "json")
        with pytest.warns(magsel.MagselWarning):
            rows = magsel.montecarlo(path, **common, **options)
        assert rows == shown
    # a flat isolated cylinder (L/D 0.2) has a Pc far below the design's 2.0, so it fails at least as often
    with pytest.warns(magsel.MagselWarning):
        design = magsel.montecarlo(path, **common)
        short = magsel.montecarlo(path, **common, ld=0.2)
    assert short[0]["probability"] >= design[0]["probability"]
    with pytest.raises(magsel.UsageError, match="not both"):
        magsel.montecarlo(path, ld=0.7, geometry="cylinder:L=1mm,D=1mm")
    with pytest.raises(ValueError):
        magsel.montecarlo(path, geometry="cylinder:L=10kg,D=10mm")
    with pytest.raises(ValueError):
        magsel.montecarlo(path, ld=-1)


def test_montecarlo_says_a_requirement_warning_once_not_per_grade(source_dir):
    path = source_dir / "tests/data/good/requirements/safety-margin.yaml"
    with pytest.warns(magsel.MagselWarning) as caught:
        rows = magsel.montecarlo(path, samples=2000, top=3)
    assert len(rows) >= 2  # several grades, one warning about the requirement's margin
    said = [str(w.message) for w in caught if "safety margin" in str(w.message)]
    assert len(said) == 1
    assert "sampled at its nominal value" in said[0]
    with pytest.warns(magsel.MagselWarning) as caught:
        magsel.montecarlo(path, samples=2000, top=3, field_sd_fraction=0.1)
    said = [str(w.message) for w in caught if "safety margin" in str(w.message)]
    assert len(said) == 1 and "standard deviation stands for its uncertainty" in said[0]
