"""`make run`: the whole KCC on one machine, with nothing but Python.

Starts the embedded PostgreSQL and Redis, migrates, loads the demo data once,
then runs the web server, a Celery worker, Celery beat and the local mail
server until Ctrl-C, which stops everything it started.
"""

import os
import signal
import socket
import subprocess
import sys
import time

from kcc import embedded

WEB_ADDRESS = ("127.0.0.1", 8000)
# The chat's event streams: uvicorn holds hundreds of open streams in one process,
# where runserver (and gunicorn's sync workers) would need a thread each.
STREAM_ADDRESS = ("127.0.0.1", 8001)
PIDFILE = embedded.DATA_DIR / "run.pid"
DEMO_MARKER = embedded.DATA_DIR / "demo-data-loaded"


def _already_running() -> int | None:
    try:
        pid = int(PIDFILE.read_text().strip())
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
        return None
    return pid


def _port_in_use(address: tuple[str, int]) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(address) == 0


def _manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], check=True)


def _raise_keyboard_interrupt(*_) -> None:
    raise KeyboardInterrupt


def main() -> int:
    pid = _already_running()
    if pid:
        print(f"KCC draait al (proces {pid}). Stop dat eerst met Ctrl-C of `make stop`.")
        return 1
    for address in (WEB_ADDRESS, STREAM_ADDRESS):
        if _port_in_use(address):
            print(f"Poort {address[1]} is al in gebruik: stop het programma dat daar luistert.")
            return 1
    embedded.DATA_DIR.mkdir(parents=True, exist_ok=True)
    PIDFILE.write_text(str(os.getpid()))
    started_services = False
    processes: list[tuple[str, subprocess.Popen]] = []
    try:
        if not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
            started_services = not embedded.is_running()
            embedded.start()
        _manage("migrate", "--noinput")
        if not DEMO_MARKER.exists():
            _manage("demo_data")
            DEMO_MARKER.write_text(time.strftime("%Y-%m-%dT%H:%M:%S"))
        python = sys.executable
        # The pages (runserver) point the browser at the stream server.
        os.environ.setdefault("KCC_SSE_URL", f"http://{STREAM_ADDRESS[0]}:{STREAM_ADDRESS[1]}")
        commands = {
            "web": [python, "manage.py", "runserver", f"{WEB_ADDRESS[0]}:{WEB_ADDRESS[1]}"],
            "stream": [
                python,
                "-m",
                "uvicorn",
                "kcc.asgi:application",
                "--host",
                STREAM_ADDRESS[0],
                "--port",
                str(STREAM_ADDRESS[1]),
                "--no-access-log",
                # Open streams would otherwise hold Ctrl-C for their whole minute.
                "--timeout-graceful-shutdown",
                "2",
            ],
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "kcc",
                "worker",
                "-l",
                "info",
                "--concurrency",
                "2",
            ],
            "beat": [
                python,
                "-m",
                "celery",
                "-A",
                "kcc",
                "beat",
                "-l",
                "info",
                "-s",
                str(embedded.DATA_DIR / "celerybeat-schedule"),
            ],
            "mail": [python, "-m", "kcc.devmail"],
        }
        # Own sessions: Ctrl-C reaches only this runner, which stops the
        # parts in order instead of each one dying on its own.
        for name, command in commands.items():
            processes.append((name, subprocess.Popen(command, start_new_session=True)))
        print(
            "\n"
            f"KCC draait op http://{WEB_ADDRESS[0]}:{WEB_ADDRESS[1]}/\n"
            "Demo-accounts (wachtwoord: demo): agent, backoffice, manager, redacteur, beheerder\n"
            f"Ontwikkelpostbus: http://{WEB_ADDRESS[0]}:{WEB_ADDRESS[1]}/dev/mail/ "
            "(SMTP op 127.0.0.1:1025)\n"
            "Stoppen: Ctrl-C\n",
            flush=True,
        )
        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        while True:
            for name, process in processes:
                if process.poll() is not None:
                    print(f"Onderdeel '{name}' is gestopt (code {process.returncode}); KCC stopt.")
                    return 1
            time.sleep(1)
    except KeyboardInterrupt:
        print("\nKCC stopt…")
        return 0
    except subprocess.CalledProcessError as error:
        print(f"Starten mislukt: {' '.join(error.cmd[1:])} gaf code {error.returncode}.")
        return 1
    finally:
        for _, process in processes:
            if process.poll() is None:
                process.terminate()
        for _, process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        if started_services:
            embedded.stop()
        PIDFILE.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
