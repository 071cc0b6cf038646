"""What the sites of each language print around their articles, and how they sign them.

Invented for this generator: site sections, template phrases, byline and date forms in
the styles news sites use, and names of people and agencies that are common, not real
bylines.
"""

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
MONTHS = {lang: names.split() for lang, names in MONTHS.items()}


def date_forms(lang, y, m, d, hh, mm):
    """The ways a site of `lang` writes a publication date."""
    month = MONTHS[lang][m - 1]
    iso = f"{y}-{m:02d}-{d:02d}"
    if lang == "en":
        return [f"{month} {d}, {y}", f"{d} {month} {y}", iso, f"{m:02d}/{d:02d}/{y}",
                f"{month[:3]} {d}, {y} {hh % 12 + 1}:{mm:02d} {'AM' if hh < 12 else 'PM'}",
                f"{iso}T{hh:02d}:{mm:02d}:00Z", f"{month[:3]}. {d}, {y}", f"{iso} {hh:02d}:{mm:02d}"]
    if lang == "de":
        return [f"{d}. {month} {y}", f"{d:02d}.{m:02d}.{y}", f"{d:02d}.{m:02d}.{y}, {hh:02d}:{mm:02d} Uhr", iso]
    if lang == "fr":
        return [f"{d} {month} {y}", f"{d} {month} {y} à {hh:02d}h{mm:02d}", f"{d:02d}/{m:02d}/{y}", iso]
    if lang in ("es", "pt"):
        return [f"{d} de {month} de {y}", f"{d:02d}/{m:02d}/{y}", f"{d:02d}/{m:02d}/{y} {hh:02d}:{mm:02d}", iso]
    if lang == "it":
        return [f"{d} {month} {y}", f"{d:02d}/{m:02d}/{y}", f"{d} {month} {y}, ore {hh:02d}:{mm:02d}", iso]
    return [f"{d} {month} {y}", f"{d:02d}-{m:02d}-{y}", iso]


# Byline templates: {a} author, {d} date, {s} source. Lines are separated by "\n".
BYLINES = {
    "en": {
        "ad": ["By {a} | {d}", "By {a}\nPublished {d}", "{a}, {d}", "Posted by {a} on {d}",
               "By {a}\n{d}", "BY {A}\nUpdated: {d}", "Written by {a} · {d}"],
        "a": ["By {a}", "Written by {a}", "{a}, Staff Writer", "Story by {a}", "By {A}"],
        "d": ["Published: {d}", "Updated {d}", "{d}", "Last modified on {d}", "Posted on {d}"],
        "s": ["Source: {s}", "Originally published by {s}", "({s})"],
    },
    "de": {
        "ad": ["Von {a} | {d}", "Von {a}\n{d}", "{a}, {d}", "Von {a}, veröffentlicht am {d}"],
        "a": ["Von {a}", "Autor: {a}", "Geschrieben von {a}"],
        "d": ["Veröffentlicht am {d}", "Stand: {d}", "{d}", "Aktualisiert am {d}"],
        "s": ["Quelle: {s}", "({s})"],
    },
    "fr": {
        "ad": ["Par {a} | {d}", "Par {a}\nPublié le {d}", "{a}, {d}"],
        "a": ["Par {a}", "Auteur : {a}", "Rédigé par {a}"],
        "d": ["Publié le {d}", "Mis à jour le {d}", "{d}"],
        "s": ["Source : {s}", "({s})"],
    },
    "es": {
        "ad": ["Por {a} | {d}", "Por {a}\nPublicado el {d}", "{a}, {d}"],
        "a": ["Por {a}", "Autor: {a}", "Escrito por {a}"],
        "d": ["Publicado el {d}", "Actualizado el {d}", "{d}"],
        "s": ["Fuente: {s}", "({s})"],
    },
    "it": {
        "ad": ["Di {a} | {d}", "Di {a}\nPubblicato il {d}", "{a}, {d}"],
        "a": ["Di {a}", "Autore: {a}", "Scritto da {a}"],
        "d": ["Pubblicato il {d}", "Aggiornato il {d}", "{d}"],
        "s": ["Fonte: {s}", "({s})"],
    },
    "pt": {
        "ad": ["Por {a} | {d}", "Por {a}\nPublicado em {d}", "{a}, {d}"],
        "a": ["Por {a}", "Autor: {a}"],
        "d": ["Publicado em {d}", "Atualizado em {d}", "{d}"],
        "s": ["Fonte: {s}", "({s})"],
    },
    "nl": {
        "ad": ["Door {a} | {d}", "Door {a}\nGepubliceerd op {d}", "{a}, {d}"],
        "a": ["Door {a}", "Auteur: {a}"],
        "d": ["Gepubliceerd op {d}", "Bijgewerkt {d}", "{d}"],
        "s": ["Bron: {s}", "({s})"],
    },
}

FIRST_NAMES = {
    "en": "Alice Ben Carla Daniel Emily Frank Grace Henry Isla Jack Karen Liam Maya Nathan Olivia Peter Rachel Samuel Tara Victor Wendy Amir Chen Priya Kofi Yuki Zoë Chloé Mateo Sofía".split(),
    "de": "Anna Jonas Lena Lukas Marie Felix Sophie Paul Hannah Tobias Julia Stefan Katrin Jürgen Sabine Björn".split(),
    "fr": "Camille Julien Léa Hugo Manon Louis Chloé Antoine Élise Mathieu Inès Thomas Clément Amélie".split(),
    "es": "Lucía Javier Carmen Sergio Marta Pablo Elena Andrés Paula Diego Sofía Álvaro Nuria Raúl".split(),
    "it": "Giulia Marco Chiara Luca Francesca Matteo Sara Andrea Elena Davide Martina Niccolò".split(),
    "pt": "Ana João Beatriz Pedro Mariana Lucas Camila Rafael Larissa Gonçalo Inês Tiago".split(),
    "nl": "Sanne Daan Eva Bram Lotte Thijs Femke Jeroen Anouk Ruben Lieke Joris".split(),
}
LAST_NAMES = {
    "en": "Adams Baker Carter Dawson Ellis Fisher Grant Hughes Irving Jennings Kerr Lawson Morgan Nolan Owens Parker Quinn Reed Shaw Turner Vaughn Walsh Young Okoye Nakamura Patel Kowalczyk O'Neill Núñez Søndergaard".split(),
    "de": "Müller Schmidt Schneider Fischer Weber Becker Hoffmann Schäfer Koch Richter Wolf Krüger Neumann Schwarz".split(),
    "fr": "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Lefèvre Girard Rousseau Fontaine".split(),
    "es": "García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Jiménez Ruiz Díaz Moreno Muñoz".split(),
    "it": "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo".split(),
    "pt": "Silva Santos Oliveira Souza Pereira Costa Rodrigues Almeida Nascimento Lima Araújo Ferreira".split(),
    "nl": "Jansen Visser Smit Bakker Mulder Bos Vos Peters Hendriks Dekker Brouwer Dijkstra".split(),
}
AGENCIES = {
    "en": ["Reuters", "AP", "AFP", "Associated Press", "Bloomberg", "PA Media", "Wire services", "Staff"],
    "de": ["dpa", "AFP", "Reuters", "epd", "KNA"],
    "fr": ["AFP", "Reuters", "AP"],
    "es": ["EFE", "Europa Press", "AFP"],
    "it": ["ANSA", "Adnkronos", "AGI"],
    "pt": ["Lusa", "Agência Brasil", "Reuters"],
    "nl": ["ANP", "Belga", "Reuters"],
}
CITIES = {
    "en": ["LONDON", "NEW YORK", "WASHINGTON", "SYDNEY", "TORONTO", "NAIROBI", "CHICAGO", "DUBLIN", "MONTRÉAL", "SÃO PAULO"],
    "de": ["BERLIN", "MÜNCHEN", "HAMBURG", "KÖLN", "WIEN", "ZÜRICH"],
    "fr": ["PARIS", "LYON", "MARSEILLE", "GENÈVE", "BRUXELLES", "MONTRÉAL"],
    "es": ["MADRID", "BARCELONA", "BOGOTÁ", "MÉXICO", "LIMA", "SEVILLA"],
    "it": ["ROMA", "MILANO", "NAPOLI", "TORINO", "FIRENZE"],
    "pt": ["LISBOA", "PORTO", "BRASÍLIA", "SÃO PAULO", "RIO DE JANEIRO"],
    "nl": ["AMSTERDAM", "ROTTERDAM", "DEN HAAG", "UTRECHT", "ANTWERPEN"],
}

# Template vocabulary: (sections of the menu, header extras, share buttons, teaser heads,
# newsletter lines, footer links, cookie banner, inline breaks, caption label, rights).
CHROME = {
    "en": dict(
        sections="Home News World Politics Business Tech Science Health Sport Opinion Culture Travel Local Weather Video Podcasts Lifestyle Climate".split(),
        header=["Skip to main content", "Menu", "Search", "Subscribe", "Sign in", "Log in / Register", "Today's paper", "Newsletters", "Trending:"],
        share=["Share", "Facebook", "Twitter", "WhatsApp", "Email", "Copy link", "LinkedIn", "Print"],
        share_line=["Share this article", "Share on Facebook Share on Twitter Email", "Share this story"],
        teasers=["Related articles", "More from {section}", "Most read", "You may also like", "Recommended for you", "Read next"],
        newsletter=["Sign up for our daily newsletter", "Get the top stories in your inbox every morning. Subscribe now"],
        footer="About us|Contact|Privacy policy|Terms of use|Cookie settings|Advertise|Careers|Site map|Corrections".split("|"),
        cookie=["We use cookies to give you the best experience on our website. By continuing to browse, you agree to our use of cookies.", "Accept all | Manage preferences"],
        inline=["Advertisement", "ADVERTISEMENT", "Story continues below advertisement", "Read more: {headline}", "[Image]", "Continue reading"],
        caption="Photo: {name}/{agency}",
        rights="© {year} {site}. All rights reserved.",
        comments="Comments ({n})",
        ago="{n} hours ago",
    ),
    "de": dict(
        sections="Startseite Politik Wirtschaft Kultur Sport Wissen Panorama Digital Reise Meinung Regional Wetter".split(),
        header=["Zum Inhalt springen", "Menü", "Suche", "Abonnieren", "Anmelden"],
        share=["Teilen", "Facebook", "Twitter", "WhatsApp", "E-Mail", "Link kopieren"],
        share_line=["Artikel teilen", "Diesen Artikel teilen"],
        teasers=["Das könnte Sie auch interessieren", "Meistgelesen", "Mehr zum Thema", "Weitere Artikel"],
        newsletter=["Newsletter abonnieren", "Die wichtigsten Nachrichten jeden Morgen in Ihrem Postfach"],
        footer="Impressum|Datenschutz|Kontakt|AGB|Mediadaten|Barrierefreiheit|Cookie-Einstellungen".split("|"),
        cookie=["Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Mit der Nutzung unserer Website stimmen Sie der Verwendung von Cookies zu.", "Alle akzeptieren | Einstellungen"],
        inline=["Anzeige", "ANZEIGE", "Lesen Sie auch: {headline}", "Weiterlesen"],
        caption="Foto: {name}/{agency}",
        rights="© {year} {site}. Alle Rechte vorbehalten.",
        comments="Kommentare ({n})",
        ago="vor {n} Stunden",
    ),
    "fr": dict(
        sections="Accueil Actualités International Politique Économie Culture Sport Sciences Société Planète Idées Vidéos".split(),
        header=["Aller au contenu", "Menu", "Rechercher", "S'abonner", "Se connecter"],
        share=["Partager", "Facebook", "Twitter", "WhatsApp", "E-mail", "Copier le lien"],
        share_line=["Partager cet article", "Partager sur Facebook"],
        teasers=["À lire aussi", "Les plus lus", "Sur le même sujet", "Nos articles recommandés"],
        newsletter=["Inscrivez-vous à notre newsletter", "Recevez chaque matin l'essentiel de l'actualité"],
        footer="Mentions légales|Politique de confidentialité|Contact|Conditions générales|Gestion des cookies|Publicité".split("|"),
        cookie=["Nous utilisons des cookies pour améliorer votre expérience sur notre site. En poursuivant votre navigation, vous acceptez leur utilisation.", "Tout accepter | Paramétrer"],
        inline=["Publicité", "PUBLICITÉ", "Lire aussi : {headline}", "Lire la suite"],
        caption="Photo : {name}/{agency}",
        rights="© {year} {site}. Tous droits réservés.",
        comments="Commentaires ({n})",
        ago="il y a {n} heures",
    ),
    "es": dict(
        sections="Portada Actualidad Internacional Política Economía Cultura Deportes Ciencia Sociedad Opinión Tecnología".split(),
        header=["Ir al contenido", "Menú", "Buscar", "Suscríbete", "Iniciar sesión"],
        share=["Compartir", "Facebook", "Twitter", "WhatsApp", "Correo", "Copiar enlace"],
        share_line=["Compartir este artículo", "Compartir en Facebook"],
        teasers=["Noticias relacionadas", "Lo más leído", "También te puede interesar", "Más noticias"],
        newsletter=["Suscríbete a nuestro boletín", "Recibe cada mañana las noticias más importantes"],
        footer="Aviso legal|Política de privacidad|Contacto|Política de cookies|Publicidad|Quiénes somos".split("|"),
        cookie=["Utilizamos cookies propias y de terceros para mejorar su experiencia. Si continúa navegando, consideramos que acepta su uso.", "Aceptar | Configurar"],
        inline=["Publicidad", "PUBLICIDAD", "Lee también: {headline}", "Seguir leyendo"],
        caption="Foto: {name}/{agency}",
        rights="© {year} {site}. Todos los derechos reservados.",
        comments="Comentarios ({n})",
        ago="hace {n} horas",
    ),
    "it": dict(
        sections="Home Cronaca Politica Economia Esteri Cultura Sport Tecnologia Scienze Opinioni Spettacoli".split(),
        header=["Vai al contenuto", "Menu", "Cerca", "Abbonati", "Accedi"],
        share=["Condividi", "Facebook", "Twitter", "WhatsApp", "Email", "Copia link"],
        share_line=["Condividi questo articolo", "Condividi su Facebook"],
        teasers=["Leggi anche", "I più letti", "Potrebbe interessarti", "Altre notizie"],
        newsletter=["Iscriviti alla nostra newsletter", "Ricevi ogni mattina le notizie più importanti"],
        footer="Chi siamo|Contatti|Privacy|Cookie policy|Note legali|Pubblicità".split("|"),
        cookie=["Questo sito utilizza cookie tecnici e di profilazione. Proseguendo nella navigazione accetti l'uso dei cookie.", "Accetta tutti | Personalizza"],
        inline=["Pubblicità", "PUBBLICITÀ", "Leggi anche: {headline}", "Continua a leggere"],
        caption="Foto: {name}/{agency}",
        rights="© {year} {site}. Tutti i diritti riservati.",
        comments="Commenti ({n})",
        ago="{n} ore fa",
    ),
    "pt": dict(
        sections="Início Notícias Mundo Política Economia Cultura Esporte Ciência Saúde Opinião Tecnologia".split(),
        header=["Ir para o conteúdo", "Menu", "Buscar", "Assine", "Entrar"],
        share=["Compartilhar", "Facebook", "Twitter", "WhatsApp", "E-mail", "Copiar link"],
        share_line=["Compartilhe esta notícia", "Compartilhar no Facebook"],
        teasers=["Leia também", "Mais lidas", "Você pode gostar", "Mais notícias"],
        newsletter=["Assine nossa newsletter", "Receba as principais notícias todas as manhãs"],
        footer="Quem somos|Fale conosco|Política de privacidade|Termos de uso|Anuncie".split("|"),
        cookie=["Usamos cookies para melhorar sua experiência. Ao continuar navegando, você concorda com a nossa política de cookies.", "Aceitar | Configurar"],
        inline=["Publicidade", "PUBLICIDADE", "Leia mais: {headline}", "Continua depois da publicidade"],
        caption="Foto: {name}/{agency}",
        rights="© {year} {site}. Todos os direitos reservados.",
        comments="Comentários ({n})",
        ago="há {n} horas",
    ),
    "nl": dict(
        sections="Home Nieuws Binnenland Buitenland Politiek Economie Cultuur Sport Tech Wetenschap Opinie".split(),
        header=["Naar de inhoud", "Menu", "Zoeken", "Abonneren", "Inloggen"],
        share=["Delen", "Facebook", "Twitter", "WhatsApp", "E-mail", "Link kopiëren"],
        share_line=["Deel dit artikel", "Delen op Facebook"],
        teasers=["Lees ook", "Meest gelezen", "Meer over dit onderwerp", "Aanbevolen"],
        newsletter=["Schrijf je in voor onze nieuwsbrief", "Elke ochtend het belangrijkste nieuws in je mailbox"],
        footer="Over ons|Contact|Privacybeleid|Cookiebeleid|Voorwaarden|Adverteren".split("|"),
        cookie=["Wij gebruiken cookies om je de beste ervaring op onze website te geven. Door verder te gaan ga je akkoord met het gebruik van cookies.", "Alles accepteren | Instellingen"],
        inline=["Advertentie", "ADVERTENTIE", "Lees ook: {headline}", "Lees verder"],
        caption="Foto: {name}/{agency}",
        rights="© {year} {site}. Alle rechten voorbehouden.",
        comments="Reacties ({n})",
        ago="{n} uur geleden",
    ),
}

# Labels a scraper glues to a headline when it drops the tag between them.
GLUE_LABELS = ["VIDEO", "LIVE", "EXCLUSIVE", "UPDATE", "ANALYSIS", "OPINION", "PHOTOS", "WATCH", "BREAKING"]

# Readers' comments under some articles.
COMMENTS = {
    "en": ["Great article, thanks for sharing.", "I completely disagree with this.", "Who writes this stuff?",
           "This is exactly what I have been saying for years.", "Well said!", "Interesting read, but it misses the point."],
}

# An author label with nothing after it, as a template prints it when the field is empty.
EMPTY_AUTHOR = {"en": "Author:", "de": "Autor:", "fr": "Auteur :", "es": "Autor:", "it": "Autore:", "pt": "Autor:", "nl": "Auteur:"}

# Labels of a revision date in the bylines above: not the publication date.
UPDATED = ["Updated", "Last modified", "Aktualisiert", "Mis à jour", "Actualizado", "Aggiornato", "Atualizado", "Bijgewerkt"]
