#!/usr/bin/env python3
"""hello_chef: the smallest sushi chef sushops ships, for trying sushops without a network.

It walks through the stages a ricecooker chef goes through and prints progress the way ricecooker does,
but builds its tree from a few built-in strings and uploads nothing. It accepts the arguments a ricecooker
chef accepts (--token, --stage, key=value options) and ignores the ones it has no use for.
"""
import argparse
import os
import sys
import time

TOPICS = {
    "Greetings": ["Hello", "Hola", "Bonjour", "Jambo"],
    "Numbers": ["One", "Two", "Three"],
}


def log(message):
    print(time.strftime("%H:%M:%S") + " INFO  " + message, flush=True)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--token", help="Studio token, or the path of a file that holds it")
    parser.add_argument("--stage", action="store_true", help="upload to the staging tree (no-op here)")
    parser.add_argument("--fail", action="store_true", help="exit 1 after building, to try failure handling")
    args, rest = parser.parse_known_args(argv)
    options = dict(item.split("=", 1) for item in rest if "=" in item)

    log("Starting hello_chef (offline sample, nothing is uploaded)")
    if args.token:
        source = "a token file" if os.path.isfile(args.token) else "the command line"
        log("Studio token given through " + source)
    if os.environ.get("STUDIO_URL"):
        log("Studio: " + os.environ["STUDIO_URL"])
    log("Options: " + (", ".join(f"{k}={v}" for k, v in sorted(options.items())) or "none"))

    log("Constructing channel tree")
    count = 0
    for topic, items in TOPICS.items():
        log(f"   Topic: {topic}")
        for item in items:
            count += 1
            log(f"      Document: {item}")
    log(f"Tree built: {len(TOPICS)} topics, {count} resources")
    log("Validating channel tree ... ok")
    if args.fail:
        log("ERROR Failing on request (--fail)")
        return 1
    log("Skipping upload: hello_chef is an offline sample")
    log("DONE: hello_chef finished")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
