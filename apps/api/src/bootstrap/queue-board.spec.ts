import { withoutExternalLinks } from './queue-board';

describe('withoutExternalLinks', () => {
  it('drops links to other origins, whatever their quoting or scheme', () => {
    const html = [
      '<link href="https://fonts.googleapis.com/css2?family=IBM+Plex+Sans" rel="stylesheet">',
      "<link rel='preconnect' href='//fonts.gstatic.com' crossorigin>",
      '<link rel=stylesheet href=http://cdn.example/x.css>',
      '<link href="static/css/main.css" rel="stylesheet">',
      '<link rel="icon" href="/admin/queues/static/images/logo.svg">',
    ].join('\n');
    expect(withoutExternalLinks(html)).toBe(
      [
        '<link href="static/css/main.css" rel="stylesheet">',
        '<link rel="icon" href="/admin/queues/static/images/logo.svg">',
      ].join('\n'),
    );
  });
});
