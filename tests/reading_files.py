"""Files of every kind the reader takes, written for the tests: saved news pages,
feeds and PDFs made here (never copied from anywhere)."""

from __future__ import annotations

import io

#: A saved news page: navigation, a cookie banner, a share bar, comments and a
#: list of related articles around the article, whose metadata is in JSON-LD.
NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>NATO-Russia Council meets in Brussels | The Brussels Observer</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta property="og:title" content="NATO-Russia Council meets in Brussels">
  <meta property="og:site_name" content="The Brussels Observer">
  <meta property="article:modified_time" content="2022-01-14T08:00:00+01:00">
  <link rel="canonical" href="https://observer.example.org/2022/01/nato-russia-council-meets">
  <link rel="stylesheet" href="/static/site.css">
  <script type="application/ld+json">
  {"@context": "https://schema.org", "@graph": [
    {"@type": "WebSite", "name": "The Brussels Observer"},
    {"@type": "NewsArticle", "headline": "NATO-Russia Council meets in Brussels",
     "datePublished": "2022-01-12T18:30:00+01:00", "dateModified": "2022-01-14T08:00:00+01:00",
     "publisher": {"@type": "Organization", "name": "The Brussels Observer"}}]}
  </script>
  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
</head>
<body>
  <div id="cookie-consent" class="cookie-banner">
    <p>We use cookies to give you the best experience on our website. By continuing you agree to our cookie policy.</p>
    <button>Accept all cookies</button> <button>Manage preferences</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/">The Brussels Observer</a>
    <nav class="main-nav">
      <ul>
        <li><a href="/">Home</a></li><li><a href="/europe">Europe</a></li>
        <li><a href="/security">Security</a></li><li><a href="/opinion">Opinion</a></li>
        <li><a href="/subscribe">Subscribe</a></li>
      </ul>
    </nav>
  </header>
  <main>
    <article class="story">
      <h1>NATO-Russia Council meets in Brussels</h1>
      <div class="byline">By Anna Keller, Security correspondent</div>
      <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a> <a href="#">Email</a></div>
      <p>Ambassadors of the 30 Allies and a delegation led by Russia's Deputy Foreign Minister met in Brussels on Wednesday for the first session of the NATO-Russia Council in more than two years.</p>
      <p>The meeting on 12 January 2022 lasted about four hours, officials said. Both sides described the talks as frank and difficult, and no agreement was reached on the proposals Moscow had published in December.</p>
      <p>The Secretary General said after the meeting that the Allies were ready to discuss arms control and transparency on military exercises, but would not give up the open-door policy.</p>
      <p>A further meeting of the Organization for Security and Co-operation in Europe is planned in Vienna on Thursday, diplomats added.</p>
    </article>
    <section class="comments" id="comments">
      <h3>3 Comments</h3>
      <div class="comment"><p>Finally they talk again. Posted by eurowatcher on 12 January 2022</p></div>
      <div class="comment"><p>Nothing will come of it, as in 2014. Posted by realist99</p></div>
    </section>
    <aside class="related">
      <h3>Related articles</h3>
      <ul>
        <li><a href="/2022/01/geneva-talks">Russia and the United States hold talks in Geneva</a></li>
        <li><a href="/2021/12/draft-treaties">Moscow publishes draft treaties</a></li>
        <li><a href="/2021/10/mission-closed">Russia suspends its mission to NATO</a></li>
      </ul>
    </aside>
  </main>
  <footer><p>&copy; 2022 The Brussels Observer. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body>
</html>
"""

#: A page whose chronology is a list; its date is in a <meta> tag only.
LIST_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Relations with Russia: a chronology</title>
  <meta name="pubdate" content="2022-02-01">
  <meta property="og:site_name" content="Alliance Review">
</head>
<body>
  <nav><a href="/">Home</a> | <a href="/topics">Topics</a> | <a href="/about">About us</a></nav>
  <article>
    <h1>Relations with Russia: a chronology</h1>
    <p>Relations between the Alliance and Russia have passed through cooperation, suspension and renewed dialogue since the end of the Cold War. The main steps are listed below.</p>
    <h2>Key dates</h2>
    <ul>
      <li>27 May 1997 &#8211; NATO and Russia sign the Founding Act on Mutual Relations in Paris.</li>
      <li>28 May 2002 &#8211; The NATO-Russia Council is established at a summit in Rome.</li>
      <li>1 April 2014 &#8211; NATO suspends all practical cooperation with Russia
        <ul><li>the political dialogue in the Council continues at the level of ambassadors</li></ul>
      </li>
      <li>12 January 2022 &#8211; The NATO-Russia Council meets in Brussels.</li>
    </ul>
    <p>The list is kept up to date by the editors of this review as new meetings take place.</p>
  </article>
  <div class="newsletter">Sign up for our newsletter</div>
</body>
</html>
"""

#: A page whose chronology is a table; it has no date in its markup at all.
TABLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Timeline of talks on European security</title></head>
<body>
  <div class="menu"><a href="/">Start</a> <a href="/archive">Archive</a> <a href="/contact">Contact</a></div>
  <div id="content">
    <h1>Timeline of talks on European security</h1>
    <p>In the winter of 2021 and 2022 diplomats met in three formats to discuss the security proposals that Moscow had put forward. The table below records each meeting and where it took place.</p>
    <table>
      <thead><tr><th>Date</th><th>Meeting</th><th>Place</th></tr></thead>
      <tbody>
        <tr><td>10 January 2022</td><td>Russia and the United States hold strategic stability talks</td><td>Geneva</td></tr>
        <tr><td>12 January 2022</td><td>The NATO-Russia Council meets</td><td>Brussels</td></tr>
        <tr><td>13 January 2022</td><td>The OSCE Permanent Council meets</td><td>Vienna</td></tr>
      </tbody>
    </table>
    <p>None of the three meetings produced an agreement, and the talks were not continued.</p>
  </div>
  <div class="footer">Copyright 2022. All rights reserved.</div>
</body>
</html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Alliance Newsroom</title>
    <link>https://newsroom.example.org/</link>
    <description>News releases</description>
    <item>
      <title>NATO-Russia Council meets in Brussels</title>
      <link>https://newsroom.example.org/news/190000.htm</link>
      <guid isPermaLink="true">https://newsroom.example.org/news/190000.htm</guid>
      <pubDate>Thu, 13 Jan 2022 00:30:00 +0100</pubDate>
      <description>&lt;p&gt;The NATO-Russia Council met in Brussels on 12 January 2022 at the level of ambassadors.&lt;/p&gt;&lt;p&gt;The Secretary General chaired the meeting.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Russia suspends its mission to NATO</title>
      <link>https://newsroom.example.org/news/187000.htm</link>
      <guid isPermaLink="true">https://newsroom.example.org/news/187000.htm</guid>
      <pubDate>Mon, 18 Oct 2021 10:00:00 +0000</pubDate>
      <description>Russia announced that it would suspend the work of its permanent mission to NATO from 1 November 2021.</description>
    </item>
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ministry press releases</title>
  <id>urn:example:ministry:press</id>
  <updated>2022-01-13T12:00:00Z</updated>
  <entry>
    <title>Statement on the talks in Geneva</title>
    <id>urn:example:ministry:press:101</id>
    <link rel="alternate" href="https://ministry.example.org/press/101"/>
    <published>2022-01-11T01:00:00+03:00</published>
    <updated>2022-01-11T09:00:00+03:00</updated>
    <content type="html">&lt;p&gt;Talks between Russia and the United States took place in Geneva on 10 January 2022.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;13 January 2022 &#8211; The OSCE Permanent Council meets in Vienna.&lt;/li&gt;&lt;/ul&gt;</content>
  </entry>
  <entry>
    <title>Comment on the exercises in Belarus</title>
    <id>urn:example:ministry:press:102</id>
    <link rel="alternate" href="https://ministry.example.org/press/102"/>
    <updated>2022-01-13T12:00:00Z</updated>
    <summary>The joint exercises with Belarus will start on 10 February 2022, the ministry said.</summary>
  </entry>
</feed>
"""


def make_pdf(pages: list[list[str]], *, title: str | None = None, password: str | None = None) -> bytes:
    """A PDF with one page per item of ``pages``, each line of text set in
    Helvetica; a page with no lines has no text at all (like a scanned one)."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }))
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        if not lines:
            continue
        shown = b" T* ".join(b"(" + _pdf_string(line) + b") Tj" for line in lines)
        content = StreamObject()
        content.set_data(b"BT /F1 11 Tf 14 TL 72 720 Td " + shown + b" ET")
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    if title:
        writer.add_metadata({"/Title": title})
    if password:
        writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_string(text: str) -> bytes:
    return text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
