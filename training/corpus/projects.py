"""Files of code projects and data work named by their role (main.py, utils.ts, NavBar.tsx, iris.csv, model.pkl),
and personal data exported from apps (contacts.vcf, Work Calendar.ics, Inbox.mbox, Passwords.kdbx).

The everyday source's code files are named after a thing (`user_controller.rb`); these are the names a project
gives by role alone (entry points, helpers, styles, scripts), UI components, notebooks, schemas, migrations,
well-known datasets, dataset splits and saved models, with descriptions that say what the role is. Written from
the frameworks' own conventions (Django, Rails, React, Vue, Angular, npm, Go, Rust, Jupyter, scikit-learn,
PyTorch, Keras). The fixed names are the `project-names` source, which always goes to the training split as the
well-known names do (knowledge the app's memory must hold); the drawn ones are everyday examples. Their own random
stream, so no other record changes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from core.describe.articles import indefinite_article
from core.describe.facts import name_facts
from training.corpus.everyday import DATA_SUBJECTS, LANGUAGES_BY_EXT, SOURCE, style_words
from training.corpus.records import Record, in_buckets
from training.corpus.task_scripts import task_scripts

FIXED = "project-names"

# stem, extensions it takes, description ({lang}: the extension's language)
ROLES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("main", ("py", "go", "rs", "c", "cpp", "js", "ts", "kt", "dart"),
     "entry point of a {lang} program, run to start it"),
    ("app", ("py", "js", "ts", "rb"), "{lang} application's main module, where the app is set up and started"),
    ("index", ("js", "ts", "mjs"), "{lang} entry point of the app or package"),
    ("server", ("js", "ts", "py", "go"), "{lang} web server of the app"),
    ("utils", ("py", "js", "ts", "go", "rb", "php"), "{lang} utility functions used throughout the codebase"),
    ("util", ("js", "ts", "py"), "{lang} utility functions used throughout the codebase"),
    ("helpers", ("py", "js", "ts", "rb", "php"), "{lang} helper functions shared by the app's code"),
    ("constants", ("py", "js", "ts", "dart"), "{lang} constants shared across the project"),
    ("types", ("ts",), "TypeScript type definitions shared across the project"),
    ("config", ("py", "js", "ts", "go"), "{lang} configuration of the app"),
    ("routes", ("js", "ts", "py", "php", "rb"), "{lang} routes mapping the app's URLs to their handlers"),
    ("router", ("js", "ts", "go"), "{lang} router of the app's URLs and pages"),
    ("api", ("js", "ts", "py"), "{lang} functions for the app's API calls"),
    ("db", ("py", "js", "ts", "go"), "{lang} database connection and queries of the app"),
    ("database", ("py", "js", "ts"), "{lang} database connection and setup of the app"),
    ("cli", ("py", "js", "go", "rs"), "{lang} command-line interface of the project"),
    ("tests", ("py",), "{lang} tests of the project"),
    ("lib", ("rs",), "root of a Rust library crate"),
    ("mod", ("rs",), "Rust module file declaring a folder's submodules"),
    ("script", ("js",), "JavaScript of a web page"),
    ("worker", ("js", "ts", "py"), "{lang} background worker of the app"),
    ("middleware", ("js", "ts", "py"), "{lang} middleware that runs on every request"),
    ("store", ("js", "ts"), "{lang} store holding the app's shared state"),
    ("auth", ("js", "ts", "py", "go"), "{lang} code for logging users in and checking their access"),
    ("serializers", ("py",), "Django REST framework serializers turning models into JSON"),
    ("signals", ("py",), "Django signal handlers of an app"),
    ("tasks", ("py",), "Celery background tasks of the app"),
    ("exceptions", ("py",), "{lang} exception classes the project defines for its own errors"),
    ("errors", ("py", "go", "js", "ts", "rs"), "{lang} error types the project defines and raises"),
    ("parser", ("py", "js", "ts", "go", "rs"), "{lang} parser turning the project's input text into structured data"),
    ("client", ("py", "js", "ts", "go"), "{lang} client that talks to the project's server or a web API"),
    ("handlers", ("py", "go"), "{lang} handlers of the app's requests or events"),
    ("validators", ("py", "js", "ts"), "{lang} checks that the app's input data is valid"),
    ("decorators", ("py",), "{lang} decorators shared by the project's functions"),
    ("logger", ("py", "js", "ts"), "{lang} logging set-up shared by the project"),
    ("schemas", ("py",), "{lang} schemas describing and validating the app's data"),
    ("types", ("py",), "{lang} type definitions shared across the project"),
    ("scraper", ("py", "js"), "{lang} scraper that downloads and extracts data from web pages"),
    ("bot", ("py", "js"), "{lang} chat bot: its commands and replies"),
    ("dataset", ("py",), "{lang} code that loads and prepares a machine-learning dataset"),
    ("data", ("py",), "{lang} code that loads and prepares the project's data"),
    ("model", ("py",), "{lang} definition of a machine-learning model"),
    ("train", ("py",), "{lang} script that trains a machine-learning model"),
    ("evaluate", ("py",), "{lang} script that evaluates a trained model on test data"),
    ("predict", ("py",), "{lang} script that runs a trained model to make predictions"),
    ("inference", ("py",), "{lang} code that runs a trained model on new inputs"),
    ("metrics", ("py",), "{lang} functions computing the project's evaluation metrics"),
    ("loss", ("py",), "{lang} loss functions used to train a model"),
    ("preprocess", ("py",), "{lang} script that cleans and prepares raw data before training"),
    ("features", ("py",), "{lang} code that builds the features a model learns from"),
    ("dataloader", ("py",), "{lang} data loader feeding a model batches of training data"),
    ("data_loader", ("py",), "{lang} data loader feeding a model batches of training data"),
    ("plot", ("py",), "{lang} code that draws the project's plots"),
    ("visualize", ("py",), "{lang} code that draws charts of the project's data or results"),
    ("report", ("py",), "{lang} code that builds the project's reports"),
    ("pipeline", ("py",), "{lang} pipeline running the project's processing steps in order"),
    ("scheduler", ("py", "js", "go"), "{lang} scheduler that runs the app's jobs at set times"),
    ("jobs", ("py", "rb"), "{lang} background jobs of the app"),
    ("storage", ("py", "js", "ts", "go"), "{lang} code that saves and loads the app's files and data"),
    ("cache", ("py", "js", "ts", "go"), "{lang} cache keeping results for reuse"),
    ("tokenizer", ("py",), "{lang} tokenizer splitting text into tokens"),
    ("crawler", ("py", "js"), "{lang} crawler that visits web pages and collects their data"),
    ("spider", ("py",), "Scrapy spider that crawls a website and extracts its data"),
    ("permissions", ("py",), "{lang} rules of who may do what in the app"),
    ("mixins", ("py",), "{lang} mixin classes sharing behaviour between the project's classes"),
    ("notifications", ("py", "js", "ts"), "{lang} code that sends the app's notifications"),
    ("payments", ("py", "js", "ts"), "{lang} code that handles the app's payments"),
    ("email", ("py", "js", "ts"), "{lang} code that sends the app's emails"),
    ("search", ("py", "js", "ts"), "{lang} search over the app's data"),
    ("game", ("py", "js"), "{lang} game: its main loop and rules"),
    ("calculator", ("py", "js", "java", "c", "cpp"), "{lang} calculator program"),
    # the modules of a neural-network project (PyTorch and Keras examples and tutorials name them so)
    ("attention", ("py",), "{lang} attention layers of a neural network"),
    ("embeddings", ("py",), "{lang} embedding layers that turn tokens or items into vectors"),
    ("layers", ("py",), "{lang} neural-network layers the project's models are built from"),
    ("transformer", ("py",), "{lang} Transformer model: attention and feed-forward blocks"),
    ("cnn", ("py",), "{lang} convolutional neural network model"),
    ("rnn", ("py",), "{lang} recurrent neural network model"),
    ("lstm", ("py",), "{lang} LSTM recurrent neural network model"),
    ("unet", ("py",), "{lang} U-Net model for image segmentation"),
    ("resnet", ("py",), "{lang} ResNet image classification model"),
    ("vae", ("py",), "{lang} variational autoencoder model"),
    ("gan", ("py",), "{lang} generative adversarial network: its generator and discriminator"),
    ("autoencoder", ("py",), "{lang} autoencoder model that learns to reconstruct its input"),
    ("encoder", ("py",), "{lang} encoder network of the project's model"),
    ("decoder", ("py",), "{lang} decoder network of the project's model"),
    ("losses", ("py",), "{lang} loss functions used to train a model"),
    ("optimizer", ("py",), "{lang} optimizer that updates a model's weights during training"),
    ("vocab", ("py",), "{lang} vocabulary mapping words or tokens to ids"),
    ("augmentations", ("py",), "{lang} data augmentations applied to training examples"),
    ("transforms", ("py",), "{lang} transforms applied to the data before it reaches the model"),
    ("trainer", ("py",), "{lang} trainer running a model's training loop"),
    ("callbacks", ("py",), "{lang} callbacks run during model training"),
    ("hparams", ("py",), "{lang} hyperparameters of the model and its training"),
    ("managers", ("py",), "Django model managers: the custom queries of the app's models"),
)
# subjects of helper modules (image_utils.py, dateUtils.ts), and how descriptions write them
HELPER_SUBJECTS = (("image", "images"), ("text", "text"), ("file", "files"), ("date", "dates"), ("string", "strings"),
                   ("math", "maths"), ("db", "the database"), ("io", "reading and writing files"),
                   ("model", "models"), ("data", "data"), ("plot", "plots"), ("audio", "audio"), ("video", "videos"),
                   ("time", "times"), ("json", "JSON"), ("path", "file paths"), ("http", "HTTP requests"),
                   ("email", "emails"), ("auth", "authentication"), ("test", "tests"), ("log", "logging"),
                   ("crypto", "cryptography"), ("array", "arrays"), ("geo", "geographic data"), ("pdf", "PDFs"),
                   ("excel", "Excel files"), ("csv", "CSV files"), ("train", "training"), ("eval", "evaluation"),
                   ("viz", "visualisation"), ("network", "networking"), ("api", "API calls"), ("form", "forms"),
                   ("url", "URLs"), ("number", "numbers"), ("color", "colours"), ("dom", "the page's DOM"))
HELPER_FORMS = (("{x}_utils", "py"), ("{x}_helpers", "py"), ("{x}Utils", "js"), ("{x}Utils", "ts"))
STYLESHEET_STEMS = ("style", "styles", "main", "global", "globals", "site", "app", "index", "custom", "theme")
SCRIPTS = (
    ("deploy", "script to deploy the project to its servers"),
    ("build", "script that builds the project"),
    ("install", "script that installs the project and its dependencies"),
    ("setup", "script that sets up the project's environment"),
    ("run", "script that starts the program"),
    ("start", "script that starts the app"),
    ("test", "script that runs the project's tests"),
    ("bootstrap", "script that prepares a fresh checkout for development"),
    ("backup", "script that backs up files or a database"),
    ("release", "script that tags and publishes a new release"),
    ("entrypoint", "script a Docker container runs when it starts"),
    ("migrate", "script that applies the database migrations"),
)
SCRIPT_LANGUAGES = {"sh": "shell", "bash": "bash", "ps1": "PowerShell", "py": "Python", "bat": "batch"}
UI_PARTS = (
    "nav bar", "navbar", "header", "footer", "sidebar", "button", "modal", "login form", "signup form", "user profile",
    "product card", "search bar", "dashboard", "todo list", "todo item", "page layout", "home page", "card", "avatar",
    "dropdown", "menu", "checkout", "cart", "comment list", "blog post", "settings page", "about page",
    "contact form", "hero section", "image gallery", "carousel", "pagination", "spinner", "toast", "data table",
    "date picker", "chart", "landing page", "profile page", "error boundary",
)
UI_FRAMEWORKS = {"jsx": "React", "tsx": "React", "vue": "Vue", "svelte": "Svelte"}
ANGULAR_FILES = (("app.module.ts", "root Angular module of the app"),
                 ("app-routing.module.ts", "Angular module of the app's routes"),
                 ("auth.guard.ts", "Angular route guard that lets only signed-in users through"),
                 ("app.component.ts", "root Angular component of the app"))
NOTEBOOK_TOPICS = (
    "analysis", "exploration", "EDA", "data cleaning", "model training", "feature engineering", "visualization",
    "sales analysis", "churn prediction", "sentiment analysis", "image classification", "time series forecast",
    "regression", "clustering", "experiments", "scratch", "demo", "tutorial", "homework 3", "lab 2",
)
WEB_FILES = (
    ("index.html", "home page of a website"),
    ("index.php", "PHP front page of a website"),
    ("404.html", "page shown when a web address is not found"),
    ("manifest.json", "web app manifest: name, icons and colours for installing it"),
    ("sw.js", "service worker script that caches the web app for offline use"),
    ("service-worker.js", "service worker script that caches the web app for offline use"),
    ("+page.svelte", "a SvelteKit page"),
    ("+layout.svelte", "a SvelteKit layout shared by pages"),
)
SCHEMAS = (
    ("schema.sql", "SQL statements creating the database's tables"),
    ("seed.sql", "SQL statements filling the database with starting data"),
    ("init.sql", "SQL script run to set up a new database"),
    ("schema.graphql", "GraphQL schema of the API's types and queries"),
    ("schema.prisma", "Prisma schema of the database models"),
    ("openapi.yaml", "OpenAPI description of a web API's endpoints"),
    ("openapi.json", "OpenAPI description of a web API's endpoints"),
    ("swagger.json", "Swagger (OpenAPI) description of a web API"),
    ("swagger.yaml", "Swagger (OpenAPI) description of a web API"),
    ("structure.sql", "Rails dump of the database structure as SQL"),
    ("schema.rb", "Rails dump of the database schema"),
    ("seeds.rb", "Rails script filling the database with starting data"),
)
MODEL_THINGS = ("user", "order", "payment", "product", "message", "event", "account", "session", "task", "comment",
                "invoice", "customer", "booking", "review", "profile")
MIGRATION_FIELDS = ("email", "phone", "avatar", "status", "created at", "price", "slug", "last login", "role", "notes")
DATASETS = (
    ("iris", "Fisher's Iris dataset: measurements of three iris species"),
    ("titanic", "the Titanic passenger survival dataset"),
    ("mnist", "the MNIST handwritten digits dataset"),
    ("fashion_mnist", "the Fashion-MNIST clothing images dataset"),
    ("boston_housing", "the Boston house prices dataset"),
    ("california_housing", "the California housing prices dataset"),
    ("housing", "house prices dataset"),
    ("winequality-red", "the red wine quality dataset"),
    ("wine", "the wine chemical analysis dataset"),
    ("diabetes", "the diabetes patients dataset"),
    ("penguins", "the Palmer penguins measurements dataset"),
    ("adult", "the Adult census income dataset"),
    ("heart", "heart disease patients dataset"),
    ("creditcard", "credit card transactions dataset for fraud detection"),
    ("spam", "SMS spam messages dataset"),
    ("IMDB Dataset", "IMDB movie reviews labelled by sentiment"),
    ("ratings", "user ratings of movies, as in the MovieLens dataset"),
    ("tips", "the restaurant tips dataset"),
    ("diamonds", "the diamonds prices dataset"),
    ("mtcars", "the Motor Trend cars dataset"),
    ("gapminder", "the Gapminder countries' life expectancy and GDP data"),
    ("airline-passengers", "monthly airline passenger numbers dataset"),
    ("cifar10", "the CIFAR-10 small images dataset"),
    ("covid_19_data", "daily COVID-19 cases by country"),
    ("telco_churn", "telecom customers dataset for churn prediction"),
)
SPLITS = (("train", "training"), ("training", "training"), ("test", "test"), ("val", "validation"),
          ("valid", "validation"), ("validation", "validation"))
SPLIT_FORMATS = ("csv", "jsonl", "parquet", "json", "txt", "tsv")
SAVED_MODELS = (("pkl", "saved with Python's pickle"), ("joblib", "saved with joblib"),
                ("h5", "in Keras's HDF5 format"), ("keras", "in Keras format"), ("pt", "as PyTorch weights"),
                ("pth", "as PyTorch weights"), ("ckpt", "as a training checkpoint"), ("onnx", "exported to ONNX"),
                ("safetensors", "as safetensors weights"))
MODEL_STEMS = (
    ("model", "a fitted machine-learning model {how}"),
    ("best_model", "the best model of a training run, {how}"),
    ("classifier", "a trained classifier {how}"),
    ("final_model", "the final trained model, {how}"),
    ("checkpoint", "a model checkpoint from training, {how}"),
    ("weights", "a trained model's weights {how}"),
    ("vectorizer", "a fitted text vectorizer {how}"),
    ("scaler", "a fitted feature scaler {how}"),
)
SQLITE_STEMS = (("app", "the app's SQLite database"), ("data", "SQLite database of the project's data"),
                ("database", "the app's SQLite database"), ("dev", "SQLite database used in development"),
                ("test", "SQLite database used by the tests"), ("db", "SQLite database of the app"),
                ("local", "local SQLite database of the app"))


def fixed_names() -> Iterator[Record]:
    """Every name a project gives by role alone, once: main.py, utils.ts, styles.css, deploy.sh, iris.csv, model.pkl."""
    for stem, extensions, phrase in ROLES:
        for extension in extensions:
            description = phrase.format(lang=LANGUAGES_BY_EXT[extension])
            yield Record(f"{stem}.{extension}", description, FIXED, f"project:role:{stem}")
    for subject, reading in HELPER_SUBJECTS:
        for form, extension in HELPER_FORMS:
            description = f"{LANGUAGES_BY_EXT[extension]} helper functions for {reading}"
            yield Record(f"{form.format(x=subject)}.{extension}", description, FIXED, "project:helpers")
    for stem in STYLESHEET_STEMS:
        for extension, kind in (("css", "stylesheet"), ("scss", "Sass stylesheet"), ("less", "Less stylesheet")):
            yield Record(f"{stem}.{extension}", f"{kind} styling the website's pages", FIXED, "project:style")
    for extension, framework in UI_FRAMEWORKS.items():
        description = f"top-level {framework} component of the app, which holds all the others"
        yield Record(f"App.{extension}", description, FIXED, "project:app-component")
    for filename, description in WEB_FILES + ANGULAR_FILES:
        yield Record(filename, description, FIXED, "project:web")
    for filename, description in SCHEMAS:
        yield Record(filename, description, FIXED, "project:schema")
    for stem, phrase in SCRIPTS:
        for extension, language in SCRIPT_LANGUAGES.items():
            yield Record(f"{stem}.{extension}", f"{language} {phrase}", FIXED, f"project:script:{stem}")
    for stem, reading in DATASETS:
        yield Record(f"{stem}.csv", reading, FIXED, "project:dataset")
    for stem, split in SPLITS:
        for extension in SPLIT_FORMATS:
            description = f"the {split} portion of a machine-learning dataset"
            yield Record(f"{stem}.{extension}", description, FIXED, "project:split")
    for stem, phrase in MODEL_STEMS:
        for extension, how in SAVED_MODELS[:2] if stem in ("vectorizer", "scaler") else SAVED_MODELS:
            yield Record(f"{stem}.{extension}", phrase.format(how=how), FIXED, "project:saved-model")
    for stem, reading in SQLITE_STEMS:
        for extension in ("db", "sqlite", "sqlite3"):
            django = stem == "db" and extension == "sqlite3"
            yield Record(f"{stem}.{extension}", "Django's default SQLite database file" if django
                         else reading, FIXED, "project:sqlite")


def component(rng: random.Random) -> Record:
    """A UI component named after what it shows: NavBar.tsx, LoginForm.jsx, user-profile.vue, nav-bar.component.ts."""
    part = rng.choice(UI_PARTS)
    extension = rng.choice(("tsx", "tsx", "jsx", "jsx", "vue", "svelte", "component.ts"))
    if extension == "component.ts":
        return Record(f"{part.replace(' ', '-')}.{extension}", f"Angular component for the {part}", SOURCE,
                      f"project:component:{part}")
    if extension in ("vue", "svelte") and rng.random() < 0.3:
        stem = part.replace(" ", "-")
    else:
        stem = "".join(word.capitalize() for word in part.split())
    return Record(f"{stem}.{extension}", f"{UI_FRAMEWORKS[extension]} component for the {part}", SOURCE,
                  f"project:component:{part}")


def notebook(rng: random.Random) -> Record:
    """Jupyter notebooks named after their work: analysis.ipynb, churn_prediction.ipynb."""
    topic = rng.choice(NOTEBOOK_TOPICS)
    stem = topic if " " not in topic else style_words(topic.split(), rng)
    reading = "exploratory data analysis" if topic == "EDA" else topic
    return Record(f"{stem}.ipynb", f"Jupyter notebook of {reading}", SOURCE, f"project:notebook:{topic}")


def model_file(rng: random.Random) -> Record:
    """Files named after a data model: users.proto, user.service.ts, database migrations."""
    thing, roll = rng.choice(MODEL_THINGS), rng.random()
    if roll < 0.3:
        return Record(f"{thing}{rng.choice(('', 's'))}.proto", f"Protocol Buffers definitions of {thing} messages",
                      SOURCE, "project:proto")
    if roll < 0.45:
        return Record(f"{thing}.service.ts", f"Angular service for {thing}s", SOURCE, "project:service")
    field = rng.choice(MIGRATION_FIELDS)
    if roll < 0.75:
        number = f"{rng.randint(2, 40):04d}"
        name = f"{number}_add_{field.replace(' ', '_')}_to_{thing}.py"
        return Record(name, f"Django migration {number}: adds the {field} field to the {thing} model", SOURCE,
                      "project:migration")
    stamp = (f"20{rng.randint(18, 25)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
             f"{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}")
    return Record(f"{stamp}_create_{thing}s.rb", f"Rails migration creating the {thing}s table", SOURCE,
                  "project:migration")


INSTALLER_SCRIPTS = (("Miniconda3", "Miniconda"), ("Anaconda3", "Anaconda"), ("Miniforge3", "Miniforge"),
                     ("Mambaforge", "Mambaforge"))
INSTALLER_PLATFORMS = (("Linux-x86_64", "for 64-bit Linux"), ("Linux-aarch64", "for ARM64 Linux"),
                       ("MacOSX-arm64", "for Apple Silicon macOS"), ("MacOSX-x86_64", "for Intel-based macOS"))
INSTALLER_VERSIONS = ("latest", "2024.02-1", "2023.09-0", "py311_24.1.2-0", "py310_23.3.1-0", "23.11.0-0", "24.3.0-0")


def installer_script(rng: random.Random) -> Record:
    """Self-extracting shell installers of Python distributions: Miniconda3-latest-Linux-x86_64.sh."""
    (token, app), (platform, reading) = rng.choice(INSTALLER_SCRIPTS), rng.choice(INSTALLER_PLATFORMS)
    version = rng.choice(INSTALLER_VERSIONS)
    named = f"latest {app}" if version == "latest" else f"{app} {version}"
    return Record(f"{token}-{version}-{platform}.sh", f"{named} installer {reading}, a shell script", SOURCE,
                  f"project:installer:{token}")


EXPORT_OWNERS = ("Work", "Family", "Personal", "School", "Team", "Home", "Club", "Office")


def data_export(rng: random.Random) -> Record:
    """Personal data exported from an app, described by what it holds and the format it is in."""
    owner, roll = rng.choice(EXPORT_OWNERS), rng.random()
    if roll < 0.25:
        stem, reading = rng.choice(((f"{owner} Contacts", f"{owner.lower()} contacts"), ("contacts", "contacts"),
                                    ("All Contacts", "all contacts"), ("iCloud vCard", "iCloud contacts")))
        return Record(f"{stem}.vcf", f"{reading} saved as vCard contact cards", SOURCE, "export:vcf")
    if roll < 0.5:
        stem, reading = rng.choice(((f"{owner} Calendar", f"events of the {owner.lower()} calendar"),
                                    ("calendar", "calendar events"), ("basic", "Google Calendar events"),
                                    (f"{owner.lower()}_events", f"{owner.lower()} events")))
        return Record(f"{stem}.ics", f"{reading} in iCalendar format", SOURCE, "export:ics")
    if roll < 0.7:
        stem, reading = rng.choice((("Inbox", "inbox"), ("Sent", "sent mail"), ("Archive", "archived mail"),
                                    (f"{owner} mail", f"{owner.lower()} mail"), ("Drafts", "drafts")))
        return Record(f"{stem}.mbox", f"{reading} exported as an mbox mail file", SOURCE, "export:mbox")
    if roll < 0.85:
        stem = rng.choice(("Passwords", "passwords", "Database", f"{owner} Vault", f"{owner.lower()}_passwords"))
        return Record(f"{stem}.kdbx", "KeePass password database, kept encrypted", SOURCE, "export:kdbx")
    place = rng.choice(("countries", "us_states", "city_districts", "bike_lanes", "parks", "europe_borders",
                        "school_zones", "rivers"))
    extension = rng.choice(("geojson", "kml", "shp"))
    kind = {"geojson": "GeoJSON", "kml": "KML", "shp": "a shapefile"}[extension]
    return Record(f"{place}.{extension}", f"map shapes of {place.replace('_', ' ')} in {kind}", SOURCE,
                  f"export:{extension}")


BINARY_DATA = ("h5", "hdf5", "pkl", "pickle", "npz", "npy", "feather", "mat")


def binary_data(rng: random.Random) -> Record:
    """Data kept in formats saved models use too (sensor_readings.h5, sales.pkl), as the mime source writes a type:
    the stem's meaning, then the type comment ("sales figures, a Python pickle")."""
    (stem, reading), extension = rng.choice(DATA_SUBJECTS), rng.choice(BINARY_DATA)
    filename = f"{style_words(stem.split('_'), rng)}.{extension}"
    comment = name_facts(filename).type
    return Record(filename, f"{reading}, {indefinite_article(comment)} {comment}", SOURCE, f"data:binary:{extension}")


def project_records(seed: int) -> list[Record]:
    """The fixed names once each, then drawn components, notebooks and model files (a repeat is left to the dedupe)."""
    rng = random.Random(f"{seed}:projects")
    drawn = [component(rng) for _ in range(300)] + [notebook(rng) for _ in range(100)]
    drawn += [model_file(rng) for _ in range(200)] + [installer_script(rng) for _ in range(60)]
    drawn += [data_export(rng) for _ in range(150)] + [binary_data(rng) for _ in range(250)]
    return list(fixed_names()) + in_buckets(drawn + task_scripts(seed))
