// 整改公开: Material's search over an index in parts (hooks/rectify/site/search/split.py). Appended to
// Material's search worker, whose message handler runs through rectifySearch.handle. For each query it
// loads the word buckets of the query's characters, then the parts of the notices holding its words
// (most words first, then in site order, up to a byte budget), and gives Material's worker those
// entries as its index. Files load with importScripts: in a worker, and in the offline bundle's
// iframe-worker shim (from file://), where it returns a promise.
var rectifySearch = (() => {
  "use strict";
  const words = {};
  const docs = {};
  let config = null;
  let setup = null;
  let indexed = [];
  let queue = Promise.resolve();
  // The worker script's URL: the worker's location, or in the shim's iframe the worker's script tag.
  const script = () => {
    const tag = typeof document != "undefined" && document.querySelector('script[src*="/workers/search."]');
    return tag ? tag.src : location.href;
  };
  const load = async names => {
    const urls = names.map(name => new URL(`../../../search/split/${name}.js?v=${config.split.v}`, script()).href);
    if (urls.length) await importScripts(...urls);
  };
  const bucket = word => word.codePointAt(0) % config.split.buckets;
  const known = word => word in (words[bucket(word)] || {});

  // The query's words: Han runs segmented by the longest known word at each place, other text split.
  const terms = async query => {
    query = query.toLowerCase().replace(/[+\-*~^]|\b\w+:/g, " ");
    const chars = new Set(query.replace(/\s+/g, ""));
    await load([...new Set([...chars].map(bucket))].filter(n => !(n in words)).map(n => `w${n}`));
    const found = [];
    query = query.replace(/\p{sc=Han}+/gu, run => {
      for (let start = 0; start < run.length; ) {
        let end = run.length;
        while (end > start + 1 && !known(run.slice(start, end))) end--;
        found.push(run.slice(start, end));
        start = end;
      }
      return " ";
    });
    const separator = new RegExp(config.separator);
    return found.concat(query.split(separator).map(w => w.replace(/^\W+|\W+$/gu, "")).filter(Boolean));
  };

  // The notices to search for ``query``, within the budget.
  const parts = async query => {
    const hits = new Map();
    for (const term of new Set(await terms(query))) {
      const holding = new Set();
      for (const [word, gaps] of Object.entries(words[bucket(term)] || {})) {
        if (!word.startsWith(term)) continue;
        let part = 0;
        for (const gap of gaps) holding.add((part += gap));
      }
      for (const part of holding) hits.set(part, (hits.get(part) || 0) + 1);
    }
    const chosen = [];
    let bytes = 0;
    for (const [part] of [...hits].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
      const [name, size] = config.split.parts[part];
      if (chosen.length && bytes + size > config.split.budget) break;
      chosen.push(name);
      bytes += size;
    }
    return chosen.sort();
  };

  const run = async (message, material) => {
    if (message.type === 0 && message.data.config.split) {
      ({ config } = setup = message.data);
      indexed = [];
      return material(message);
    }
    if (message.type === 2 && config) {
      const chosen = await parts(message.data);
      if (chosen.join() !== indexed.join()) {
        await load(chosen.filter(name => !(name in docs)));
        indexed = chosen;
        // Material's setup loads lunr's languages again: they are loaded, and would warn.
        const imports = self.importScripts;
        self.importScripts = () => undefined;
        try {
          await material({ type: 0, data: { ...setup, docs: [].concat(...chosen.map(name => docs[name])) } });
        } finally {
          self.importScripts = imports;
        }
      }
    }
    return material(message);
  };

  return {
    words: (n, list) => void (words[n] = list),
    docs: (name, list) => void (docs[name] = list),
    // One message at a time, in order: a query's answer never overtakes an earlier one.
    handle(message, material) {
      const answer = queue.then(() => run(message, material));
      queue = answer.catch(() => undefined);
      return answer;
    },
  };
})();
