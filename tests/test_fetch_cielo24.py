"""The cielo24 client against a real local server that implements login, logout,
get_elementlist and list_elementlists with their error bodies; credentials and their
secrecy; sources.read_source for every kind of spec."""

from __future__ import annotations

import io
import logging
import pickle
import time

import pytest
from servers import (
    API_KEY,
    BEARER_TOKEN,
    DOC,
    JOB_ID,
    PASSWORD,
    USERNAME,
    LocalServer,
    variant,
)

from elementlist import loads
from elementlist.fetch import (
    BearerAuth,
    Cielo24Client,
    Cielo24Credentials,
    Cielo24Error,
    Cielo24Spec,
    CredentialsError,
    ElementListVersion,
    FetchError,
    FetchOptions,
    FetchTimeout,
    Timeout,
    get_elementlist,
    list_elementlists,
    read_secret,
    resolve_cielo24,
)
from elementlist.fetch import errors as fetch_errors
from elementlist.fetch.credentials import (
    PRODUCTION_URL,
    SANDBOX_URL,
    HeaderAuth,
    default_config_path,
    mask,
    resolve_base_url,
)
from elementlist.fetch.sources import load_source, read_source

LOGIN = "/api/account/login"
LOGOUT = "/api/account/logout"
GET = "/api/job/get_elementlist"
LIST = "/api/job/list_elementlists"


@pytest.fixture(scope="module")
def server():
    with LocalServer() as running:
        yield running


def by_password(server) -> Cielo24Credentials:
    return Cielo24Credentials(username=USERNAME, password=PASSWORD, base_url=server.url)


def by_key(server) -> Cielo24Credentials:
    return Cielo24Credentials(username=USERNAME, api_key=API_KEY, base_url=server.url)


def fresh_token(server) -> str:
    with Cielo24Client(by_key(server)) as api:
        api.login()
        token = api._token
        api._made_token = False  # keep the session alive for the test to reuse
    assert token
    return token


def secrets_of(server) -> list[str]:
    return [PASSWORD, API_KEY, *server.state.issued]


def assert_clean(server, *texts: str) -> None:
    for text in texts:
        for secret in secrets_of(server):
            assert secret not in text


# --- login, logout, token reuse -------------------------------------------------------------


def test_login_with_password_sends_headers_not_query(server):
    before = len(server.state.calls(LOGIN))
    data = get_elementlist(JOB_ID, credentials=by_password(server))
    assert data == variant("FINAL")
    login = server.state.calls(LOGIN)[before]
    assert login.query == {"v": ["1"]}
    assert login.headers["x-auth-user"] == USERNAME
    assert login.headers["x-auth-password"] == PASSWORD
    assert login.headers["x-auth-key"] == PASSWORD  # the older name, for older servers
    assert "x-auth-securekey" not in login.headers


def test_login_with_securekey_sends_headers_not_query(server):
    before = len(server.state.calls(LOGIN))
    get_elementlist(JOB_ID, credentials=by_key(server))
    login = server.state.calls(LOGIN)[before]
    assert login.query == {"v": ["1"]}
    assert login.headers["x-auth-securekey"] == API_KEY
    assert "x-auth-password" not in login.headers and "x-auth-key" not in login.headers


def test_token_made_for_the_call_is_logged_out(server):
    before_login, before_logout = len(server.state.calls(LOGIN)), len(server.state.calls(LOGOUT))
    get_elementlist(JOB_ID, credentials=by_password(server))
    token = server.state.issued[-1]
    assert len(server.state.calls(LOGIN)) == before_login + 1
    logout = server.state.calls(LOGOUT)[before_logout:]
    assert [r.query["api_token"] for r in logout] == [[token]]
    assert token not in server.state.tokens


def test_token_made_is_logged_out_after_an_error_too(server):
    with pytest.raises(fetch_errors.ItemNotFound):
        get_elementlist("ffffffffffffffffffffffffffffffff", credentials=by_password(server))
    assert server.state.issued[-1] not in server.state.tokens


def test_existing_api_token_is_used_without_login_or_logout(server):
    token = fresh_token(server)
    logins, logouts = len(server.state.calls(LOGIN)), len(server.state.calls(LOGOUT))
    creds = Cielo24Credentials(api_token=token, base_url=server.url)
    assert get_elementlist(JOB_ID, credentials=creds) == variant("FINAL")
    assert list_elementlists(JOB_ID, credentials=creds)
    assert len(server.state.calls(LOGIN)) == logins
    assert len(server.state.calls(LOGOUT)) == logouts
    assert token in server.state.tokens
    assert server.state.calls(GET)[-1].query["api_token"] == [token]


def test_one_client_logs_in_once_for_many_calls(server):
    logins = len(server.state.calls(LOGIN))
    with Cielo24Client(by_key(server)) as api:
        api.list_elementlists(JOB_ID)
        api.get_elementlist(JOB_ID, iwp_name="MECHANICAL")
        api.get_elementlist(JOB_ID)
    assert len(server.state.calls(LOGIN)) == logins + 1
    assert server.state.issued[-1] not in server.state.tokens


# --- the calls ------------------------------------------------------------------------------


def test_list_elementlists(server):
    assert list_elementlists(JOB_ID, credentials=by_key(server)) == [
        ElementListVersion("MECHANICAL", "2014-07-31T12:35:52Z"),
        ElementListVersion("FINAL", "2014-08-01T09:00:00Z"),
    ]
    sent = server.state.calls(LIST)[-1]
    assert sent.query["job_id"] == [JOB_ID] and sent.query["v"] == ["1"]


@pytest.mark.parametrize(
    ("kwargs", "param", "label"),
    [
        ({"elementlist_version": "2014-07-31T12:35:52Z"}, "elementlist_version", "MECHANICAL"),
        ({"iwp_name": "MECHANICAL"}, "iwp_name", "MECHANICAL"),
        ({"iwp_name": "FINAL"}, "iwp_name", "FINAL"),
        ({"audio_description": True}, "audio_description", "AUDIO_DESCRIPTION"),
    ],
)
def test_get_elementlist_selects(server, kwargs, param, label):
    data = get_elementlist(JOB_ID, credentials=by_key(server), **kwargs)
    assert data == variant(label)
    assert loads(data).extra["x_served"] == label
    sent = server.state.calls(GET)[-1].query
    expected = "true" if param == "audio_description" else kwargs[param]
    assert sent[param] == [expected]


def test_default_get_sends_no_selector(server):
    get_elementlist(JOB_ID, credentials=by_key(server))
    sent = server.state.calls(GET)[-1].query
    assert set(sent) == {"v", "api_token", "job_id"}


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("error_type", sorted(fetch_errors.ERROR_TYPES))
def test_each_error_type_becomes_its_exception(server, error_type):
    job = f"error-{error_type.lower()}"
    with pytest.raises(Cielo24Error) as info:
        get_elementlist(job, credentials=by_key(server))
    exc = info.value
    assert type(exc) is fetch_errors.ERROR_TYPES[error_type]
    assert exc.error_type == error_type
    assert exc.comment == f"forced {error_type} for job {job}"
    assert exc.status == 400
    assert str(exc) == f"cielo24:{job}: cielo24 {error_type}: forced {error_type} for job {job}"
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is type(exc)
    assert (again.error_type, again.comment, again.status, str(again)) == (
        exc.error_type,
        exc.comment,
        exc.status,
        str(exc),
    )


def test_unknown_error_type_is_a_plain_cielo24_error(server):
    with pytest.raises(Cielo24Error) as info:
        get_elementlist("error-brand_new_type", credentials=by_key(server))
    assert type(info.value) is Cielo24Error
    assert info.value.error_type == "BRAND_NEW_TYPE"


def test_wrong_password_is_login_invalid_and_the_echoed_secret_is_masked(server):
    creds = Cielo24Credentials(
        username=USERNAME, password="not-the-password-99", base_url=server.url
    )
    with pytest.raises(fetch_errors.LoginInvalid) as info:
        get_elementlist(JOB_ID, credentials=creds)
    assert str(info.value) == (
        f"cielo24 login: cielo24 LOGIN_INVALID: bad credentials for {USERNAME}: ***"
    )
    assert "not-the-password-99" not in repr(info.value)


def test_bad_token_is_bad_api_token_and_the_token_is_masked(server):
    creds = Cielo24Credentials(api_token="deadbeefdeadbeefdeadbeef00000000", base_url=server.url)
    with pytest.raises(fetch_errors.BadApiToken) as info:
        get_elementlist(JOB_ID, credentials=creds)
    assert str(info.value) == (
        f"cielo24:{JOB_ID}: cielo24 BAD_API_TOKEN: api_token *** is not a valid session"
    )
    assert "deadbeef" not in info.value.comment


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"elementlist_version": "2001-01-01T00:00:00Z"}, fetch_errors.ItemNotFound),
        ({"iwp_name": "NOPE"}, fetch_errors.InvalidOption),
    ],
)
def test_unknown_versions(server, kwargs, error):
    with pytest.raises(error):
        get_elementlist(JOB_ID, credentials=by_key(server), **kwargs)


def test_non_json_list_answer_is_a_clear_error(server):
    creds = Cielo24Credentials(api_token="x" * 8, base_url=server.url + "/doc.json#")
    with pytest.raises(FetchError) as info:
        list_elementlists(JOB_ID, credentials=creds)
    assert str(info.value) == f"cielo24:{JOB_ID}: list_elementlists answer is not a JSON list"


def test_bad_job_id_is_refused_before_any_request(server):
    with pytest.raises(FetchError) as info:
        get_elementlist("../etc", credentials=by_key(server))
    assert str(info.value) == "not a cielo24 job id: '../etc'"


def test_logs_never_show_secrets(server, caplog):
    caplog.set_level(logging.DEBUG)
    get_elementlist(JOB_ID, credentials=by_password(server))
    with pytest.raises(fetch_errors.BadApiToken):
        get_elementlist(
            JOB_ID,
            credentials=Cielo24Credentials(
                api_token="0123456789abcdef0123456789abcdef", base_url=server.url
            ),
        )
    assert "api_token=***" in caplog.text
    assert_clean(server, caplog.text)
    assert "0123456789abcdef0123456789abcdef" not in caplog.text


# --- credentials ----------------------------------------------------------------------------


def test_credentials_repr_is_redacted():
    creds = Cielo24Credentials(
        username="bob", password=PASSWORD, api_key=API_KEY, api_token="tok-123456789"
    )
    for text in (repr(creds), str(creds), f"{creds!r}", repr([creds])):
        assert PASSWORD not in text and API_KEY not in text and "tok-123456789" not in text
    assert repr(creds) == (
        "Cielo24Credentials(username='bob', password=<set>, api_key=<set>, api_token=<set>, "
        "base_url='https://api.cielo24.com')"
    )
    assert "password=<unset>" in repr(Cielo24Credentials(username="bob"))


def test_client_repr_is_redacted(server):
    api = Cielo24Client(by_password(server))
    api.login()
    token = api._token
    assert token and token not in repr(api) and PASSWORD not in repr(api)
    api.close()


def test_credentials_from_environment():
    env = {
        "CIELO24_USERNAME": "env-user",
        "CIELO24_API_KEY": "env-key-1234",
        "CIELO24_BASE_URL": "sandbox",
        "XDG_CONFIG_HOME": "/nonexistent-dir",
    }
    creds = resolve_cielo24(env=env)
    assert (creds.username, creds.api_key, creds.base_url) == (
        "env-user",
        "env-key-1234",
        SANDBOX_URL,
    )
    assert creds.api_token is None and creds.password is None


def test_arguments_win_over_environment_and_a_login_wins_over_a_token():
    env = {
        "CIELO24_API_TOKEN": "env-token-1234",
        "CIELO24_USERNAME": "env-user",
        "XDG_CONFIG_HOME": "/nonexistent-dir",
    }
    creds = resolve_cielo24(username="arg-user", password="arg-pass-1234", env=env)
    assert (creds.username, creds.password, creds.api_token) == ("arg-user", "arg-pass-1234", None)
    assert resolve_cielo24(env=env).api_token == "env-token-1234"


def test_credentials_from_config_file(tmp_path):
    config = tmp_path / "cielo24.ini"
    config.write_text(
        "[default]\nusername = file-user\npassword = p%ss;word#1\n"
        "[sandbox]\nusername = sb-user\nsecurekey = sb-key-1234\nbase_url = sandbox\n"
    )
    creds = resolve_cielo24(config=config, env={})
    assert (creds.username, creds.password, creds.base_url) == (
        "file-user",
        "p%ss;word#1",
        PRODUCTION_URL,
    )
    sandbox = resolve_cielo24(config=config, profile="sandbox", env={})
    assert (sandbox.username, sandbox.api_key, sandbox.base_url) == (
        "sb-user",
        "sb-key-1234",
        SANDBOX_URL,
    )
    overridden = resolve_cielo24(config=config, env={"CIELO24_USERNAME": "env-user"})
    assert (overridden.username, overridden.password) == ("env-user", "p%ss;word#1")


def test_default_config_file_is_found_through_xdg(tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    path = default_config_path(env)
    assert path == tmp_path / "elementlist" / "cielo24.ini"
    path.parent.mkdir()
    path.write_text("[default]\napi_token = file-token-1234\n")
    assert resolve_cielo24(env=env).api_token == "file-token-1234"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[default]\nusrname = x\n", "unknown key 'usrname' in [default]"),
        ("no section\n", "not a valid INI config file"),
    ],
)
def test_bad_config_files(tmp_path, text, message):
    config = tmp_path / "c.ini"
    config.write_text(text)
    with pytest.raises(CredentialsError) as info:
        resolve_cielo24(config=config, env={})
    assert message in str(info.value)


def test_missing_config_and_profile(tmp_path):
    with pytest.raises(CredentialsError, match="config file not found"):
        resolve_cielo24(config=tmp_path / "none.ini", env={})
    config = tmp_path / "c.ini"
    config.write_text("[default]\nusername = u\n")
    with pytest.raises(CredentialsError, match=r"no profile \[other\]"):
        resolve_cielo24(config=config, profile="other", env={})


def test_no_credentials_at_all():
    creds = resolve_cielo24(env={"XDG_CONFIG_HOME": "/nonexistent-dir"})
    with pytest.raises(CredentialsError) as info:
        Cielo24Client(creds)
    assert str(info.value).startswith("no cielo24 credentials: set CIELO24_API_TOKEN")


def test_base_urls():
    assert resolve_base_url(None) == PRODUCTION_URL
    assert resolve_base_url("Sandbox") == SANDBOX_URL
    assert resolve_base_url("https://example.test/") == "https://example.test"
    for bad in ("ftp://x", "sandbox2", "https://u:secretpw@h.test"):
        with pytest.raises(CredentialsError) as info:
            resolve_base_url(bad)
        assert "secretpw" not in str(info.value)


def test_credentials_never_go_to_a_plain_http_base_url_off_this_machine():
    creds = Cielo24Credentials(username="u", password=PASSWORD, base_url="http://api.test")
    with pytest.raises(CredentialsError, match="refusing to send cielo24 credentials"):
        Cielo24Client(creds)


def test_read_secret_sources(tmp_path):
    secret_file = tmp_path / "s"
    secret_file.write_text("from-file-1234\nsecond line\n")
    assert read_secret("env:MY_S", env={"MY_S": "from-env"}) == "from-env"
    assert read_secret(f"file:{secret_file}") == "from-file-1234"
    assert read_secret("stdin", stdin=io.StringIO("from-stdin\n")) == "from-stdin"
    assert read_secret("pass:literal") == "literal"
    with pytest.raises(CredentialsError) as info:
        read_secret("hunter2-typed-in", what="--password")
    assert "hunter2" not in str(info.value)
    assert str(info.value).startswith("--password: give it as env:VAR, file:PATH or stdin")
    with pytest.raises(CredentialsError, match="environment variable NOPE is not set"):
        read_secret("env:NOPE", env={})


def test_header_auth_parsing():
    auth = HeaderAuth.parse("X-Api-Key: ${K}", env={"K": "k-value-1234"})
    assert auth.headers() == {"X-Api-Key": "k-value-1234"}
    with pytest.raises(CredentialsError, match="environment variable MISSING is not set"):
        HeaderAuth.parse("X-Api-Key: ${MISSING}", env={})
    with pytest.raises(CredentialsError):
        HeaderAuth.parse("no colon here")
    with pytest.raises(CredentialsError):
        HeaderAuth("Bad Name", "v")


def test_mask():
    assert mask("a token abcdef and abcdef", ["abcdef"]) == "a token *** and ***"
    assert mask("short ab stays", ["ab"]) == "short ab stays"


# --- sources --------------------------------------------------------------------------------


def test_cielo24_spec_parsing():
    assert Cielo24Spec.parse(f"cielo24:{JOB_ID}") == Cielo24Spec(JOB_ID)
    assert Cielo24Spec.parse(f"cielo24:{JOB_ID}@FINAL") == Cielo24Spec(JOB_ID, iwp_name="FINAL")
    dated = Cielo24Spec.parse(f"cielo24:{JOB_ID}@2014-07-31T12:35:52Z")
    assert dated.elementlist_version == "2014-07-31T12:35:52Z" and dated.iwp_name is None
    assert str(dated) == f"cielo24:{JOB_ID}@2014-07-31T12:35:52Z"
    with pytest.raises(FetchError):
        Cielo24Spec.parse("cielo24:")


def test_read_source_every_kind(server, tmp_path, monkeypatch):
    monkeypatch.setenv("CIELO24_USERNAME", USERNAME)
    monkeypatch.setenv("CIELO24_API_KEY", API_KEY)
    monkeypatch.setenv("CIELO24_BASE_URL", server.url)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    data, name = read_source(f"cielo24:{JOB_ID}@MECHANICAL")
    assert (data, name) == (variant("MECHANICAL"), f"cielo24:{JOB_ID}@MECHANICAL")
    data, name = read_source(f"cielo24:{JOB_ID}@2014-08-01T09:00:00Z")
    assert data == variant("FINAL")
    assert read_source(f"{server.url}/doc.json") == (DOC, f"{server.url}/doc.json")
    local = tmp_path / "local.json"
    local.write_bytes(DOC)
    assert read_source(str(local)) == (DOC, str(local))
    assert load_source(f"cielo24:{JOB_ID}").extra["x_served"] == "FINAL"


def test_read_source_with_options(server):
    options = FetchOptions(
        http_auth=(BearerAuth(BEARER_TOKEN),),
        cielo24=by_key(server),
        audio_description=True,
    )
    assert read_source(f"{server.url}/bearer/doc.json", fetch=options)[0] == DOC
    assert read_source(f"cielo24:{JOB_ID}", fetch=options)[0] == variant("AUDIO_DESCRIPTION")
    # the URL's bearer token is never sent to cielo24
    assert all(
        "authorization" not in r.headers
        for r in server.state.requests
        if r.path.startswith("/api/")
    )


def test_not_json_from_cielo24_is_an_element_list_error(server):
    from servers import NOT_JSON_JOB

    from elementlist import ElementListError

    with pytest.raises(ElementListError) as info:
        load_source(f"cielo24:{NOT_JSON_JOB}", fetch=FetchOptions(cielo24=by_key(server)))
    assert str(info.value).startswith(f"cielo24:{NOT_JSON_JOB}: ")


def test_the_login_and_the_request_share_one_deadline():
    """Login and get_elementlist take 0.8 s each: within 1.2 s apiece, but not together."""
    with LocalServer() as slow:
        slow.state.delays.update({LOGIN: 0.8, GET: 0.8})
        creds = Cielo24Credentials(username=USERNAME, api_key=API_KEY, base_url=slow.url)
        started = time.monotonic()
        with pytest.raises(FetchTimeout) as info:
            get_elementlist(JOB_ID, credentials=creds, timeout=Timeout(total=1.2))
        elapsed = time.monotonic() - started
        assert str(info.value) == (
            f"cielo24:{JOB_ID}: no whole response within 1.2 s, the time allowed for the whole fetch"
        )
        assert len(slow.state.calls(GET)) == 1  # not retried: no time was left
        assert slow.state.issued[-1] not in slow.state.tokens  # the login was given back
        assert elapsed < 1.2 + 2.0, elapsed  # generous slack; before, it took 1.6 s and passed
        assert get_elementlist(JOB_ID, credentials=creds, timeout=Timeout(total=10.0)) == (
            variant("FINAL")
        )
