"""Source files of apps named by the framework's conventions: React's custom hooks (useDebounce.ts), Android's
activities, fragments and view models (MainActivity.kt, LoginFragment.java) and iOS's view controllers and SwiftUI
views (ProfileViewController.swift, ContentView.swift), described by what they do in the app.

The everyday source's hooks are named after a thing ("useMessage.jsx": "React hook for messages"); the hooks every
React project writes are named after what they do, and Android and iOS name their screens by kind. The common hooks
and the main screens are fixed names (to the training split, as the project names); the screens are drawn from
their own random stream, so no other record changes.
"""

from __future__ import annotations

import random

from training.corpus.everyday import SOURCE
from training.corpus.projects import FIXED
from training.corpus.records import Record, in_buckets

HOOKS = (
    ("useDebounce", "custom React hook that debounces a changing value"),
    ("useFetch", "custom React hook that fetches data from a URL"),
    ("useLocalStorage", "custom React hook that keeps state in the browser's local storage"),
    ("useAuth", "custom React hook for authentication: the signed-in user and logging in and out"),
    ("useWindowSize", "custom React hook that tracks the size of the browser window"),
    ("useToggle", "custom React hook for a value toggled on and off"),
    ("useInterval", "custom React hook that runs a callback at a set interval"),
    ("useMediaQuery", "custom React hook that tells whether a CSS media query matches"),
    ("usePrevious", "custom React hook that remembers a value's previous state"),
    ("useOnClickOutside", "custom React hook that reacts to clicks outside an element"),
    ("useDarkMode", "custom React hook that switches dark mode on and off"),
    ("useForm", "custom React hook that manages a form's fields and validation"),
    ("useTheme", "custom React hook that gives components the current theme"),
    ("useThrottle", "custom React hook that throttles a changing value"),
    ("useScrollPosition", "custom React hook that tracks the page's scroll position"),
    ("useKeyPress", "custom React hook that tells whether a key is pressed"),
    ("useClipboard", "custom React hook that copies text to the clipboard"),
    ("useGeolocation", "custom React hook that tracks the geolocation of the device"),
    ("useOnlineStatus", "custom React hook that tells whether the browser is online"),
    ("usePagination", "custom React hook for the pagination of a long list"),
)
HOOK_EXTENSIONS = ("ts", "js", "tsx", "jsx")
# a screen as names write it, as descriptions say it
SCREENS = (
    ("Login", "login screen"), ("Settings", "settings screen"), ("Splash", "splash screen shown at launch"),
    ("Profile", "profile screen"), ("Home", "home screen"), ("Detail", "detail screen"), ("Search", "search screen"),
    ("Camera", "camera screen"), ("Map", "map screen"), ("Chat", "chat screen"), ("Register", "sign-up screen"),
    ("Cart", "shopping cart screen"), ("Checkout", "checkout screen"), ("Onboarding", "onboarding screens"),
    ("Player", "media player screen"), ("Gallery", "photo gallery screen"), ("Scanner", "scanner screen"),
    ("Dashboard", "dashboard screen"), ("Notifications", "notifications screen"), ("About", "about screen"),
)
ANDROID_KINDS = (("Activity", "Android activity: the {screen} of the app"),
                 ("Fragment", "Android fragment showing the {screen}"),
                 ("ViewModel", "Android view model holding the data of the {screen}"))
IOS_KINDS = (("ViewController", "iOS view controller of the {screen}"), ("View", "SwiftUI view of the {screen}"))
MAIN_SCREENS = (
    ("MainActivity.kt", "main activity of an Android app: the screen it opens with, in Kotlin"),
    ("MainActivity.java", "main activity of an Android app: the screen it opens with, in Java"),
    ("MainViewModel.kt", "Android view model holding the data of the app's main screen"),
    ("ViewController.swift", "iOS view controller of the app's first screen"),
    ("ContentView.swift", "main SwiftUI view of the app"),
    ("SceneDelegate.swift", "scene delegate that sets up an iOS app's window"),
)


def fixed_app_code() -> list[Record]:
    """The common custom hooks in each extension, and the main screens of Android and iOS apps."""
    records = [Record(f"{stem}.{extension}", description, FIXED, "app-code:hook")
               for stem, description in HOOKS for extension in HOOK_EXTENSIONS]
    return records + [Record(name, description, FIXED, "app-code:main-screen") for name, description in MAIN_SCREENS]


def screen(rng: random.Random) -> Record:
    """A screen's Android or iOS source file: LoginActivity.kt, SettingsFragment.java, ProfileViewController.swift."""
    name, reading = rng.choice(SCREENS)
    if rng.random() < 0.7:
        kind, phrase = rng.choice(ANDROID_KINDS)
        extension = rng.choice(("kt", "kt", "java"))
    else:
        (kind, phrase), extension = rng.choice(IOS_KINDS), "swift"
    return Record(f"{name}{kind}.{extension}", phrase.format(screen=reading), SOURCE, f"app-code:{kind}")


def app_code_records(seed: int, count: int = 250) -> list[Record]:
    """The fixed names, then `count` drawn screens from their own random stream (a repeat is left to the dedupe)."""
    rng = random.Random(f"{seed}:app-code")
    return fixed_app_code() + in_buckets([screen(rng) for _ in range(count)])
