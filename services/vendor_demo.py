"""Demo marketplace: 24 published vendor organizations across types, cities and languages, with packages, a few
blocked dates; the demo photographer logs in as vendor@attitudes.vip and has portfolio pictures. Ratings are not
seeded: past couples book the vendors and review them after the day (services.review_demo), and the review service
computes every vendor's average and count."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

from PIL import Image, ImageDraw
from sqlmodel import Session, select

from models.tenancy import Membership, Tenant, User
from models.vendors import ShortlistEntry, VendorBlockedDate, VendorImage, VendorPackage, VendorProfile
from models.weddings import Wedding
from services.authz import Role
from services.review_demo import seed_review_demo
from services.storage import get_storage, new_key
from services.vendor_cities import city_by_name
from services.vendor_search import reindex_vendor
from services.vendors import _compute_completeness, process_image

VENDOR_EMAIL = "vendor@attitudes.vip"
VENDOR_PASSWORD = "vendor-photos-2027"

# name, types, city, profile lang, languages, (price from, to) in EUR, radius km, listed rating (avg, count): the
# reviews services.review_demo writes aim at that average, with a few reviews for a large count; description,
# packages: (name, description, price EUR, included)
_VENDORS = [
    (
        "Lumière Photo",
        ["photographer"],
        "Bordeaux",
        "en",
        ["en", "fr"],
        (1800, 4200),
        150,
        (4.8, 36),
        "Documentary wedding photographer in Bordeaux and the vineyards. Natural light, candid moments, a drone for "
        "aerial views of the château, and a fine art album printed in Italy.",
        [
            ("Essential", "Ceremony and reception, six hours", 1800, ["Online gallery", "400 edited photos"]),
            ("Full day", "From the preparations to the first dance", 2900, ["Online gallery", "Engagement session"]),
            (
                "Prestige",
                "Two photographers, the whole weekend",
                4200,
                ["Fine art album", "Drone flight", "Brunch coverage"],
            ),
        ],
    ),
    (
        "Atelier Argentique",
        ["photographer"],
        "Bordeaux",
        "fr",
        ["fr"],
        (1500, 3000),
        80,
        (4.6, 12),
        "Photographe de mariage au film argentique et numérique, reportage discret et portraits élégants au coucher du soleil.",
        [
            ("Reportage", "Cérémonie et cocktail", 1500, ["Galerie en ligne"]),
            ("Journée complète", "Des préparatifs à la soirée", 2600, ["Album", "Tirages d'art"]),
        ],
    ),
    (
        "Paris Lens Studio",
        ["photographer", "videographer"],
        "Paris",
        "en",
        ["en", "fr", "de"],
        (2500, 6000),
        300,
        (4.9, 58),
        "Photo and film team for city and countryside weddings: editorial portraits, a cinematic highlight film, "
        "same-week teaser.",
        [
            ("Photo + film", "Ten hours, two people", 4800, ["Highlight film", "Online gallery"]),
            ("Elopement", "Two hours in Paris", 900, ["60 edited photos"]),
        ],
    ),
    (
        "Fotografía Sol",
        ["photographer"],
        "Madrid",
        "es",
        ["es", "en"],
        (2200, 4800),
        500,
        (4.7, 21),
        "Fotógrafo de bodas en toda España y el sur de Francia: reportaje natural, álbum de lujo, sesión preboda.",
        [("Boda completa", "Cobertura de todo el día", 2800, ["Álbum", "Galería online"])],
    ),
    (
        "Cinéma Mariage",
        ["videographer"],
        "Lyon",
        "fr",
        ["fr", "en"],
        (1600, 3800),
        250,
        (4.5, 9),
        "Films de mariage : clip de trois minutes, film documentaire, discours et cérémonie intégrale, drone.",
        [
            ("Clip", "Film de 3 minutes", 1600, ["Musique sous licence"]),
            ("Documentaire", "Film de 20 minutes et clip", 3200, ["Drone", "Clé USB en bois"]),
        ],
    ),
    (
        "DJ Nova",
        ["dj"],
        "Bordeaux",
        "en",
        ["en", "fr"],
        (900, 2200),
        200,
        (4.4, 27),
        "DJ and sound for weddings: ceremony sound, cocktail playlists, lighting for the dance floor until 4 am.",
        [
            ("Party", "Six hours of music and lights", 1200, ["Sound system", "Dance floor lighting"]),
            ("All day", "Ceremony, cocktail and party", 1900, ["Wireless microphones", "Uplighting"]),
        ],
    ),
    (
        "Fiesta Sonora",
        ["dj", "band"],
        "Barcelona",
        "es",
        ["es", "en", "fr"],
        (1200, 5000),
        400,
        (4.6, 14),
        "Banda en directo y DJ para bodas: rumba, pop y clásicos, saxofonista para el cóctel.",
        [
            ("DJ", "Fiesta de seis horas", 1200, ["Luces", "Micrófono"]),
            ("Banda + DJ", "Cuatro músicos y DJ", 4500, ["Saxofón en el cóctel"]),
        ],
    ),
    (
        "The Velvet Strings",
        ["band"],
        "London",
        "en",
        ["en"],
        (1400, 3500),
        150,
        (4.9, 19),
        "String quartet and party band: ceremony classics, cocktail jazz, and a live set that fills the dance floor.",
        [("Ceremony quartet", "Forty-five minutes of strings", 1400, ["Requests learned"])],
    ),
    (
        "Saveurs & Co",
        ["caterer"],
        "Bordeaux",
        "fr",
        ["fr", "en"],
        (75, 160),
        120,
        (4.5, 44),
        "Traiteur de mariage : cuisine de saison, produits du Sud-Ouest, cocktail dînatoire, pièce montée et service.",
        [
            ("Menu classique", "Trois plats, prix par invité", 85, ["Service", "Vaisselle"]),
            ("Menu gastronomique", "Cinq plats et accords mets-vins, prix par invité", 150, ["Sommelier", "Service"]),
        ],
    ),
    (
        "Green Table Catering",
        ["caterer", "baker"],
        "Paris",
        "en",
        ["en", "fr"],
        (60, 130),
        100,
        (4.2, 11),
        "Vegetarian and vegan wedding catering, seasonal sharing plates, and a naked cake with fresh fruit.",
        [("Sharing feast", "Per guest", 70, ["Vegan options", "Staff"])],
    ),
    (
        "Château de Lys",
        ["venue"],
        "Bordeaux",
        "fr",
        ["fr", "en"],
        (6000, 12000),
        0,
        (4.7, 31),
        "Château du XVIIIe siècle au milieu des vignes, parc pour la cérémonie laïque, salle de réception de 180 places.",
        [("Week-end", "Du vendredi au dimanche", 11000, ["Hébergement 40 personnes", "Parc"])],
    ),
    (
        "Masía Olivera",
        ["venue"],
        "Girona",
        "es",
        ["es", "en", "fr"],
        (5000, 9000),
        0,
        (4.8, 16),
        "Masía catalana con olivos centenarios, capilla y terraza con vistas, capacidad para 200 invitados.",
        [("Día completo", "Ceremonia y banquete", 6500, ["Capilla", "Terraza"])],
    ),
    (
        "Atelier Pivoine",
        ["florist"],
        "Bordeaux",
        "fr",
        ["fr"],
        (600, 3000),
        80,
        (4.6, 22),
        "Fleuriste de mariage : bouquet de mariée, arche fleurie, centres de table de saison, pivoines et roses anciennes.",
        [
            ("Bouquet", "Bouquet de mariée et boutonnières", 250, ["Livraison"]),
            ("Décor complet", "Arche, centres de table, bouquets", 2600, ["Installation", "Reprise"]),
        ],
    ),
    (
        "Petal & Stem",
        ["florist"],
        "London",
        "en",
        ["en"],
        (400, 2800),
        120,
        (4.3, 8),
        "Garden-style wedding flowers: bouquets, arches and long table garlands with British seasonal blooms.",
        [("Bridal party", "Bouquets and buttonholes", 450, ["Delivery"])],
    ),
    (
        "Maison des Mariés",
        ["planner"],
        "Paris",
        "fr",
        ["fr", "en", "it"],
        (3000, 12000),
        800,
        (4.9, 40),
        "Wedding planner : organisation complète, coordination le jour J, mariages en France et en Italie.",
        [
            ("Coordination", "Le jour J", 1800, ["Rétroplanning"]),
            ("Organisation complète", "Douze mois d'accompagnement", 9000, ["Sélection des prestataires", "Budget"]),
        ],
    ),
    (
        "Bodas Bonitas",
        ["planner"],
        "Sevilla",
        "es",
        ["es", "en"],
        (2000, 8000),
        500,
        (4.4, 10),
        "Organización de bodas en Andalucía: búsqueda de finca, proveedores, coordinación del día.",
        [("Día B", "Coordinación el día de la boda", 1500, ["Ensayo"])],
    ),
    (
        "Celebrant Claire",
        ["officiant"],
        "Bordeaux",
        "en",
        ["en", "fr"],
        (500, 1200),
        300,
        (5.0, 7),
        "Bilingual celebrant for symbolic ceremonies: your story, your vows, readings in English and French.",
        [("Ceremony", "Writing and leading your ceremony", 900, ["Two meetings", "Rehearsal"])],
    ),
    (
        "Pâtisserie Rosalie",
        ["baker"],
        "Lyon",
        "fr",
        ["fr"],
        (300, 1500),
        150,
        (4.8, 25),
        "Pièce montée, wedding cake à étages, bar à desserts : pâtisserie artisanale pour votre mariage.",
        [("Wedding cake", "Trois étages, 100 parts", 650, ["Livraison", "Dégustation"])],
    ),
    (
        "Glow Hair & Make-up",
        ["hair_makeup"],
        "Nice",
        "en",
        ["en", "fr", "it"],
        (350, 1200),
        200,
        (4.7, 18),
        "Bridal hair and make-up on the Riviera: trial session, long-wear make-up, hairstyles for the bridal party.",
        [("Bride", "Trial and wedding day", 420, ["Trial", "Touch-up kit"])],
    ),
    (
        "Classic Cars Bordeaux",
        ["transport"],
        "Bordeaux",
        "fr",
        ["fr", "en"],
        (300, 900),
        100,
        (4.5, 6),
        "Voitures de collection avec chauffeur pour votre mariage : Citroën DS, Jaguar Type E, navettes invités.",
        [("Voiture des mariés", "Quatre heures avec chauffeur", 450, ["Décoration"])],
    ),
    (
        "Rent A Party",
        ["rentals"],
        "Paris",
        "en",
        ["en", "fr"],
        (200, 4000),
        300,
        (4.1, 9),
        "Wedding rentals: tables, chairs, linen, glassware, festoon lighting, lounge furniture and tents.",
        [("Lounge corner", "Sofas, rugs, lights", 600, ["Delivery", "Set-up"])],
    ),
    (
        "Papeterie Lune",
        ["stationer"],
        "Montpellier",
        "fr",
        ["fr", "en", "es"],
        (200, 1500),
        1000,
        (4.6, 13),
        "Faire-part de mariage, menus, plans de table et marque-places, impression letterpress et dorure.",
        [("Suite complète", "Faire-part, menus, plan de table", 900, ["Letterpress", "Enveloppes"])],
    ),
    (
        "Studio Montréal Noces",
        ["photographer"],
        "Montréal",
        "fr",
        ["fr", "en"],
        (2000, 4500),
        200,
        (4.5, 12),
        "Photographe de mariage à Montréal et au Québec, reportage lumineux, séances de couple en forêt.",
        [("Journée", "Dix heures de couverture", 3200, ["Galerie", "Séance d'engagement"])],
    ),
    (
        "Mexico Mariachi Real",
        ["band"],
        "Mexico City",
        "es",
        ["es", "en"],
        (800, 2500),
        300,
        (4.8, 20),
        "Mariachi para bodas: serenata, ceremonia y fiesta, repertorio tradicional y moderno.",
        [("Serenata", "Una hora con ocho músicos", 800, ["Canciones a elegir"])],
    ),
]


def _picture(seed: int) -> bytes:
    """A simple landscape-like picture drawn with Pillow (no network, no stock photos)."""
    rng = random.Random(seed)
    img = Image.new("RGB", (1800, 1200))
    draw = ImageDraw.Draw(img)
    top = (rng.randint(180, 255), rng.randint(140, 210), rng.randint(120, 200))
    bottom = (rng.randint(40, 120), rng.randint(60, 140), rng.randint(60, 120))
    for y in range(1200):
        t = y / 1199
        draw.line([(0, y), (1800, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    for _ in range(6):
        x, y, r = rng.randint(0, 1800), rng.randint(300, 1100), rng.randint(60, 260)
        draw.ellipse(
            [x - r, y - r, x + r, y + r], fill=(rng.randint(200, 255), rng.randint(200, 255), rng.randint(200, 255))
        )
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88)
    return out.getvalue()


def seed_vendor_demo(s: Session, today: date, *, password_hash: str, wedding: Wedding | None = None) -> int:
    """Create the demo vendors once (returns how many were created)."""
    if s.exec(select(User.id).where(User.email == VENDOR_EMAIL)).first():
        return 0
    rng = random.Random(606)
    created = 0
    reviewed: list[tuple[VendorProfile, User, float, int]] = []
    demo_owner: User | None = None
    for n, (
        name,
        types,
        city_name,
        lang,
        languages,
        (p_min, p_max),
        radius,
        (avg, count),
        description,
        packages,
    ) in enumerate(_VENDORS):
        city = city_by_name(city_name)
        tenant = Tenant(name=name, kind="vendor")
        s.add(tenant)
        s.flush()
        if n == 0:
            owner = User(email=VENDOR_EMAIL, password_hash=password_hash, display_name="Léa Lumière", locale="en")
        else:
            slug = "".join(c for c in name.lower() if c.isalnum())[:30]
            owner = User(
                email=f"{slug}@vendors.example.com", password_hash="!", display_name=f"{name} team", locale=lang
            )
        s.add(owner)
        s.flush()
        s.add(Membership(tenant_id=tenant.id, user_id=owner.id, role=Role.OWNER))
        demo_owner = demo_owner or owner
        v = VendorProfile(
            tenant_id=tenant.id,
            name=name,
            types=types,
            description=description,
            base_city=city.label,
            latitude=city.lat,
            longitude=city.lon,
            radius_km=min(radius, 500),
            regions=[city.region] if radius == 0 else [],
            price_min=p_min * 100,
            price_max=p_max * 100,
            currency="EUR",
            languages=languages,
            allows_multiple_per_day="rentals" in types or "stationer" in types,
            published=True,
            contact_email=owner.email,
            lang=lang,
        )
        s.add(v)
        s.flush()
        for position, (pkg_name, pkg_desc, price, included) in enumerate(packages):
            s.add(
                VendorPackage(
                    tenant_id=tenant.id,
                    vendor_id=v.id,
                    name=pkg_name,
                    description=pkg_desc,
                    price=price * 100,
                    included=included,
                    position=position,
                )
            )
        for _ in range(rng.randint(1, 4)):
            day = today + timedelta(days=rng.randint(10, 300))
            if not s.exec(
                select(VendorBlockedDate.id).where(VendorBlockedDate.vendor_id == v.id, VendorBlockedDate.day == day)
            ).first():
                s.add(VendorBlockedDate(tenant_id=tenant.id, vendor_id=v.id, day=day, reason="Another wedding"))
        if wedding is not None and name in ("Atelier Argentique", "DJ Nova"):  # taken on the demo couple's date
            s.add(
                VendorBlockedDate(
                    tenant_id=tenant.id, vendor_id=v.id, day=wedding.wedding_date, reason="Another wedding"
                )
            )
        if n == 0:
            storage = get_storage()
            for i, caption in enumerate(("Vineyard portraits", "First dance", "Golden hour")):
                pic = process_image(_picture(i))
                full_key, thumb_key = (
                    new_key(f"vendor-images/{tenant.id}", ".jpg"),
                    new_key(f"vendor-images/{tenant.id}", ".jpg"),
                )
                storage.put(full_key, pic.full, "image/jpeg")
                storage.put(thumb_key, pic.thumb, "image/jpeg")
                s.add(
                    VendorImage(
                        tenant_id=tenant.id,
                        vendor_id=v.id,
                        storage_key=full_key,
                        thumb_key=thumb_key,
                        content_type="image/jpeg",
                        width=pic.width,
                        height=pic.height,
                        caption=caption,
                        position=i,
                    )
                )
        s.flush()
        v.completeness = _compute_completeness(s, v)
        s.add(v)
        s.flush()
        reindex_vendor(s, v)
        if wedding is not None and name in ("Lumière Photo", "Saveurs & Co"):
            s.add(
                ShortlistEntry(
                    tenant_id=wedding.tenant_id,
                    wedding_id=wedding.id,
                    vendor_id=v.id,
                    note="Met them at the wedding fair" if n == 0 else "",
                )
            )
        reviewed.append((v, owner, avg, count))
        created += 1
    seed_review_demo(s, today, reviewed, reply_as=demo_owner)
    return created
